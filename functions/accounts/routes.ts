import { restRoute } from './services.js';
import { accountCheckInput, accountDeleteInput, accountImportInput, kickInput, multiAccountImportInput } from './schemas.js';
import { deleteAccounts } from './delete-accounts.js';
import { kickAccount } from './kick-account.js';
import { importAccount, importAccounts } from './import-accounts.js';
import { checkAccounts } from './check-accounts.js';
import { opsRoutes } from '../ops/routes.js';

const service = 'im_open_login_svc';
const feature = 'accounts';

export const accountsRoutes = [
  restRoute({
    service, feature, command: 'account_import', input: accountImportInput,
    run: async ({ app }, input) => {
      await importAccount(app.services.accounts, app.services.clock, { userId: input.UserID, nick: input.Nick, faceUrl: input.FaceUrl });
      return {};
    },
  }),
  restRoute({
    service, feature, command: 'multiaccount_import', input: multiAccountImportInput,
    run: ({ app }, input) =>
      importAccounts(app.services.accounts, app.services.clock,
        input.AccountList?.map((a) => ({ userId: a.UserID, nick: a.Nick, faceUrl: a.FaceUrl })) ??
        (input.Accounts ?? []).map((userId) => ({ userId }))),
  }),
  restRoute({
    service, feature, command: 'account_check', input: accountCheckInput,
    run: ({ app }, input) => checkAccounts(app.services.accounts, input.CheckItem.map((i) => i.UserID)),
  }),
  restRoute({
    service, feature, command: 'account_delete', input: accountDeleteInput,
    run: ({ app }, input) => deleteAccounts(app.services, input.DeleteItem.map((i) => i.UserID)),
  }),
  restRoute({
    service, feature, command: 'kick', input: kickInput,
    run: async ({ app, caller }, input) => {
      await kickAccount(app.services, app.config, caller, input.UserID);
      return {};
    },
  }),
  ...opsRoutes,
];
