import * as z from 'zod/mini';
import { restRoute, wsRoute } from './services.js';
import { userIdField } from '../shared/identifiers.js';
import { coded } from '../shared/validation.js';
import { PORTRAIT_GET_MAX, ProfileCode } from './profile-codes.js';
import { getPortraits, setPortrait } from './portrait.js';

const feature = 'profile';
const service = 'profile';

const profileItems = z.array(z.object({ Tag: z.string(), Value: z.unknown() })).check(
  z.minLength(1, coded(ProfileCode.InvalidParam, 'ProfileItem is empty')),
);
const getInput = z.object({
  To_Account: z.array(z.string()).check(
    z.minLength(1, coded(ProfileCode.InvalidParam, 'To_Account is empty')),
    z.maxLength(PORTRAIT_GET_MAX, coded(ProfileCode.InvalidParam, `To_Account has more than ${PORTRAIT_GET_MAX} accounts`)),
  ),
  TagList: z.array(z.string()).check(z.minLength(1, coded(ProfileCode.InvalidParam, 'TagList is empty'))),
});

export const profileRoutes = [
  restRoute({
    service, feature, command: 'portrait_set',
    input: z.object({ From_Account: userIdField(ProfileCode.InvalidParam, 'From_Account'), ProfileItem: profileItems }),
    run: async ({ app, caller }, input) => {
      await setPortrait(app.services, app.config, caller, input.From_Account, input.ProfileItem);
      return {};
    },
  }),
  restRoute({
    service, feature, command: 'portrait_get', input: getInput,
    run: ({ app, caller }, input) => getPortraits(app.services, app.config, caller, input.To_Account, input.TagList),
  }),
  wsRoute({
    feature, action: 'profile.get', input: getInput, invalidParamCode: ProfileCode.InvalidParam,
    run: ({ app, caller }, input) => getPortraits(app.services, app.config, caller, input.To_Account, input.TagList),
  }),
  wsRoute({
    feature, action: 'profile.set', input: z.object({ ProfileItem: profileItems }), invalidParamCode: ProfileCode.InvalidParam,
    run: async ({ app, caller }, input) => {
      await setPortrait(app.services, app.config, caller, caller.userId, input.ProfileItem);
      return {};
    },
  }),
];
