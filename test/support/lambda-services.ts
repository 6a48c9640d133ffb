import type { Feature } from '../../functions/shared/features.js';
import type { AwsContext } from '../../functions/shared/aws/load-runtime.js';
import { buildServices, webhooks } from '../../functions/aws-services.js';
import { accountsServices } from '../../functions/accounts/services-aws.js';
import { broadcastServices } from '../../functions/broadcast/services-aws.js';
import { c2cServices } from '../../functions/c2c/services-aws.js';
import { conversationsServices } from '../../functions/conversations/services-aws.js';
import { msgActionsServices } from '../../functions/msgactions/services-aws.js';
import { authorizerServices, connectionsServices } from '../../functions/connections/services-aws.js';
import { groupAttrsServices } from '../../functions/groupattrs/services-aws.js';
import { fanOutWorkerServices, groupMsgServices } from '../../functions/groupmsg/services-aws.js';
import { groupsServices } from '../../functions/groups/services-aws.js';
import { historyServices } from '../../functions/history/services-aws.js';
import { profileServices } from '../../functions/profile/services-aws.js';
import { pushServices, pushWorkerServices } from '../../functions/push/services-aws.js';
import { snsServices } from '../../functions/sns/services-aws.js';
import { officialServices } from '../../functions/official/services-aws.js';

/** How each Lambda builds its services (the builder its handler passes to lambdaRuntime), by feature. */
export const LAMBDA_SERVICES: Record<Feature, (aws: AwsContext) => object> = {
  authorizer: authorizerServices, connections: connectionsServices, accounts: accountsServices, groups: groupsServices,
  profile: profileServices, sns: snsServices, push: pushServices, c2c: c2cServices, conversations: conversationsServices, msgactions: msgActionsServices, groupmsg: groupMsgServices,
  groupattrs: groupAttrsServices, webhooks: (aws) => buildServices<'webhooks'>(aws, { webhooks }), broadcast: broadcastServices, official: officialServices,
  pushworker: pushWorkerServices, history: historyServices, groupfanout: fanOutWorkerServices,
};
