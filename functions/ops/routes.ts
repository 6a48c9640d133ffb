import { restRoute } from '../accounts/services.js';
import { appInfo } from './app-info.js';
import { appInfoInput, ipListInput } from './schemas.js';

/**
 * Operations commands. They run in the accounts Lambda (accountsRoutes includes them), which already builds the
 * account and group stores getappinfo counts from: two rare, tiny reads do not justify a Lambda of their own.
 */
const feature = 'accounts';

export const opsRoutes = [
  restRoute({
    service: 'openconfigsvr', feature, command: 'getappinfo', input: appInfoInput,
    run: ({ app }, input) => appInfo(app.services, app.config.sdkAppId, input.RequestField),
  }),
  restRoute({
    // Tencent's allow-list of its own callback source IPs. Lambda and API Gateway have no fixed addresses, so the
    // honest answer is an empty list (docs/rest.md): allow-list by the callback Sign instead.
    service: 'ConfigSvc', feature, command: 'GetIPList', input: ipListInput,
    run: async () => ({ IPList: [] as string[] }),
  }),
];
