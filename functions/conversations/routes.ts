import { restRoute, wsRoute } from './services.js';
import type { RouteCall, WsCaller } from '../shared/runtime.js';
import { conversationIdOf, parseConversationId } from '../c2c/conversation-ref.js';
import { RecentCode } from '../c2c/conversation-settings-codes.js';
import { C2cCode } from '../c2c/c2c-codes.js';
import type { SettingResult, SettingsServices } from '../c2c/conversation-settings.js';
import { changeSettings } from '../c2c/conversation-settings.js';
import { createGroup, deleteGroup, listGroups, moveConversations, renameGroup, requireGroup } from '../c2c/conversation-groups.js';
import { deleteC2cConversation, deleteGroupConversation, groupUnreadCounts, listConversations, recentContacts } from '../c2c/conversations.js';
import { groupItems } from '../c2c/conversation-settings-view.js';
import { deleteConversations, notifyDeleted } from '../c2c/conversation-delete.js';
import { clearConversationHistory } from '../c2c/conversation-clear.js';
import { ImError } from '../shared/errors.js';
import { conversationListInput, recentDeleteInput, recentGetListInput } from '../c2c/conversation-schemas.js';
import {
  createContactGroup, delContactGroup, getContactGroup, markContacts, searchContactGroup, topContacts, updateContactGroup,
} from '../c2c/contact-group-rest.js';
import {
  createContactGroupInput, delContactGroupInput, getContactGroupInput, markContactInput, searchContactGroupInput, topInput, updateContactGroupInput,
  wsClearHistoryInput, wsCreateGroupInput, wsCustomDataInput, wsDeleteInput, wsGroupNameInput, wsGroupUnreadInput, wsMarkInput, wsMoveInput, wsNoInput, wsPinInput, wsRenameGroupInput,
} from '../c2c/conversation-settings-schemas.js';

/**
 * The conversations Lambda: conversation lists (`conversation.list`, `recentcontact/get_list`), deletion, pins, marks,
 * custom data and conversation groups (docs/websocket.md, docs/rest.md `recentcontact`), C2C and group conversations alike.
 */
const feature = 'conversations';
const service = 'recentcontact';
const invalidParamCode = RecentCode.InvalidParam;

const actorOf = (caller: WsCaller) => ({ userId: caller.userId, exceptConnectionId: caller.connectionId });
const refs = (ids: readonly string[]) => ids.map((id) => parseConversationId(id)!);
const wsResults = (results: readonly SettingResult[]) => ({
  ResultItem: results.map((r) => ({ ConversationID: conversationIdOf(r.ref), ResultCode: r.code, ResultInfo: r.info })),
});
const ws = ({ app, caller }: RouteCall<WsCaller, SettingsServices>) => ({ services: app.services, actor: actorOf(caller) });

export const conversationsRoutes = [
  wsRoute({
    feature, action: 'conversation.list', input: conversationListInput, invalidParamCode: C2cCode.InvalidParam,
    run: ({ app, caller }, input) => listConversations(app.services, app.config, caller.userId, { cursor: input.Cursor, count: input.Count ?? 20 }),
  }),
  restRoute({
    service, feature, command: 'get_list', input: recentGetListInput,
    run: ({ app }, input) => recentContacts(app.services, app.config, input.From_Account, input.StartIndex ?? 0, 100, input.AssistFlags ?? 0),
  }),
  restRoute({
    service, feature, command: 'delete', input: recentDeleteInput,
    run: async ({ app }, input) => {
      // The user's devices hear of it (`conversation.deleted`), as of a deletion on one of them.
      if (input.Type === 2) {
        if (!input.ToGroupid) throw new ImError(50002, 'ToGroupid is required for Type 2');
        await deleteGroupConversation(app.services, input.From_Account, input.ToGroupid);
        await notifyDeleted(app.services, input.From_Account, [{ type: 'Group', groupId: input.ToGroupid }]);
        return {};
      }
      if (input.To_Account === undefined) throw new ImError(50002, 'To_Account is required for Type 1');
      await deleteC2cConversation(app.services, input.From_Account, input.To_Account, input.ClearRamble === 1);
      await notifyDeleted(app.services, input.From_Account, [{ type: 'C2C', peer: input.To_Account }]);
      return {};
    },
  }),
  restRoute({ service, feature, command: 'top', input: topInput, run: ({ app }, input) => topContacts(app.services, input) }),
  restRoute({ service, feature, command: 'mark_contact', input: markContactInput, run: ({ app }, input) => markContacts(app.services, input) }),
  restRoute({ service, feature, command: 'create_contact_group', input: createContactGroupInput, run: ({ app }, input) => createContactGroup(app.services, input) }),
  restRoute({ service, feature, command: 'update_contact_group', input: updateContactGroupInput, run: ({ app }, input) => updateContactGroup(app.services, input) }),
  restRoute({ service, feature, command: 'del_contact_group', input: delContactGroupInput, run: ({ app }, input) => delContactGroup(app.services, input) }),
  restRoute({ service, feature, command: 'search_contact_group', input: searchContactGroupInput, run: ({ app }, input) => searchContactGroup(app.services, input) }),
  restRoute({ service, feature, command: 'get_contact_group', input: getContactGroupInput, run: ({ app }, input) => getContactGroup(app.services, input) }),

  wsRoute({
    feature, invalidParamCode, action: 'conversation.pin', input: wsPinInput,
    run: async (call, input) => {
      const { services, actor } = ws(call);
      await changeSettings(services, actor, refs([input.ConversationID]).map((ref) => ({ ref, change: { pinnedAt: input.IsPinned ? services.clock() : 0 } })), { allListed: true });
      return {};
    },
  }),
  wsRoute({
    feature, invalidParamCode, action: 'conversation.mark', input: wsMarkInput,
    run: async (call, input) => {
      const { services, actor } = ws(call);
      const bit = Math.log2(input.MarkType);
      const change = input.EnableMark ? { addMarks: [bit] } : { removeMarks: [bit] };
      return wsResults(await changeSettings(services, actor, refs(input.ConversationIDList).map((ref) => ({ ref, change }))));
    },
  }),
  wsRoute({
    feature, invalidParamCode, action: 'conversation.setCustomData', input: wsCustomDataInput,
    run: async (call, input) => {
      const { services, actor } = ws(call);
      return wsResults(await changeSettings(services, actor, refs(input.ConversationIDList).map((ref) => ({ ref, change: { customData: input.CustomData } }))));
    },
  }),
  wsRoute({
    feature, invalidParamCode, action: 'conversation.delete', input: wsDeleteInput,
    run: async ({ app, caller }, input) => {
      const results = await deleteConversations(app.services, actorOf(caller), refs(input.ConversationIDList), input.ClearHistory === 1);
      return wsResults(results);
    },
  }),
  wsRoute({
    feature, invalidParamCode, action: 'conversation.clearHistory', input: wsClearHistoryInput,
    run: ({ app, caller }, input) => clearConversationHistory(app.services, actorOf(caller), refs([input.ConversationID])[0]!),
  }),
  wsRoute({
    feature, invalidParamCode, action: 'conversation.groups', input: wsNoInput,
    run: async ({ app, caller }) => ({ GroupItem: groupItems(await listGroups(app.services, caller.userId)) }),
  }),
  wsRoute({
    feature, invalidParamCode, action: 'conversation.createGroup', input: wsCreateGroupInput,
    run: async (call, input) => {
      const { services, actor } = ws(call);
      const { group, results } = await createGroup(services, actor, input.GroupName, refs(input.ConversationIDList ?? []));
      return { GroupName: group.name, GroupId: group.id, ...wsResults(results) };
    },
  }),
  wsRoute({
    feature, invalidParamCode, action: 'conversation.renameGroup', input: wsRenameGroupInput,
    run: async (call, input) => {
      const { services, actor } = ws(call);
      const group = await renameGroup(services, actor, input.OldGroupName, input.NewGroupName);
      return { GroupName: group.name, GroupId: group.id };
    },
  }),
  wsRoute({
    feature, invalidParamCode, action: 'conversation.deleteGroup', input: wsGroupNameInput,
    run: async (call, input) => {
      const { services, actor } = ws(call);
      const group = await deleteGroup(services, actor, input.GroupName);
      return { GroupName: group.name, GroupId: group.id };
    },
  }),
  wsRoute({
    feature, invalidParamCode, action: 'conversation.addToGroup', input: wsMoveInput,
    run: async (call, input) => {
      const { services, actor } = ws(call);
      return wsResults((await moveConversations(services, actor, input.GroupName, refs(input.ConversationIDList), 'add')).results);
    },
  }),
  wsRoute({
    feature, invalidParamCode, action: 'conversation.removeFromGroup', input: wsMoveInput,
    run: async (call, input) => {
      const { services, actor } = ws(call);
      return wsResults((await moveConversations(services, actor, input.GroupName, refs(input.ConversationIDList), 'remove')).results);
    },
  }),
  wsRoute({
    feature, invalidParamCode, action: 'conversation.groupUnread', input: wsGroupUnreadInput,
    run: async ({ app, caller }, input) => {
      const doc = await app.services.c2c.conversationSettings.getGroups(caller.userId);
      const groups = input.GroupName === undefined ? doc.groups : [requireGroup(doc, input.GroupName)];
      return { UnreadCounts: await groupUnreadCounts(app.services, app.config, caller.userId, groups) };
    },
  }),
];

