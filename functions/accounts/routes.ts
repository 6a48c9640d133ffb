import { restRoute } from '../shared/route.js';
import { accountCheckInput, accountImportInput, multiAccountImportInput } from './schemas.js';
import { importAccount, importAccounts } from './import-accounts.js';
import { checkAccounts } from './check-accounts.js';

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
];
