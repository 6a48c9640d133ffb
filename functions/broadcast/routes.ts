import { restRoute, wsRoute } from './services.js';
import {
  accountsInput, attrNamesInput, emptyInput, imPushInput, removeAttrInput, setAttrInput, syncInput, tagsInput,
} from './schemas.js';
import { addUserTags, getUserPushData, removeAllUserTags, removeUserAttrs, removeUserTags, setAttrNames, setUserAttrs } from './push-attrs.js';
import { imPush, syncBroadcasts } from './im-push.js';

const service = 'all_member_push';
const feature = 'broadcast';

export const broadcastRoutes = [
  restRoute({
    service, feature, command: 'im_push', input: imPushInput,
    run: ({ app, caller }, input) => imPush(app.services, app.config, {
      from: input.From_Account ?? caller.admin, adminId: caller.admin, body: input.MsgBody, random: input.MsgRandom,
      lifeTime: input.MsgLifeTime ?? 0,
      ...(input.OfflinePushInfo && { offlinePushInfo: input.OfflinePushInfo }),
      ...(input.Condition && { condition: input.Condition }),
    }),
  }),
  restRoute({
    service, feature, command: 'im_set_attr_name', input: attrNamesInput,
    run: async ({ app }, input) => { await setAttrNames(app.services, input.AttrNames); return {}; },
  }),
  restRoute({
    service, feature, command: 'im_get_attr_name', input: emptyInput,
    run: async ({ app }) => ({ AttrNames: await app.services.broadcast.getAttrNames() }),
  }),
  restRoute({
    service, feature, command: 'im_set_attr', input: setAttrInput,
    run: async ({ app }, input) => { await setUserAttrs(app.services, input.UserAttrs); return {}; },
  }),
  restRoute({
    service, feature, command: 'im_get_attr', input: accountsInput,
    run: async ({ app }, input) => {
      const data = await getUserPushData(app.services, input.To_Account);
      return { UserAttrs: input.To_Account.map((u) => ({ To_Account: u, Attrs: data.get(u)?.attrs ?? {} })) };
    },
  }),
  restRoute({
    service, feature, command: 'im_remove_attr', input: removeAttrInput,
    run: async ({ app }, input) => { await removeUserAttrs(app.services, input.UserAttrs); return {}; },
  }),
  restRoute({
    service, feature, command: 'im_add_tag', input: tagsInput,
    run: async ({ app }, input) => { await addUserTags(app.services, input.UserTags); return {}; },
  }),
  restRoute({
    service, feature, command: 'im_get_tag', input: accountsInput,
    run: async ({ app }, input) => {
      const data = await getUserPushData(app.services, input.To_Account);
      return { UserTags: input.To_Account.map((u) => ({ To_Account: u, Tags: data.get(u)?.tags ?? [] })) };
    },
  }),
  restRoute({
    service, feature, command: 'im_remove_tag', input: tagsInput,
    run: async ({ app }, input) => { await removeUserTags(app.services, input.UserTags); return {}; },
  }),
  restRoute({
    service, feature, command: 'im_remove_all_tags', input: accountsInput,
    run: async ({ app }, input) => { await removeAllUserTags(app.services, input.To_Account); return {}; },
  }),
  wsRoute({
    feature, action: 'broadcast.sync', input: syncInput,
    run: ({ app, caller }, input) => syncBroadcasts(app.services, caller.userId, input.Cursor ?? 0),
  }),
];
