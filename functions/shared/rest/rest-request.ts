import type { Context } from 'aws-lambda';
import type { RestRoute } from '../route.js';
import type { RestService } from '../rest-services.js';
import type { AppRuntime, RestCaller, RestStackServices } from '../runtime.js';

/** What the REST middlewares learn about a request, in the order they learn it. */
export interface RestRequestContext extends Context {
  im: {
    service?: RestService;
    route?: RestRoute;
    app?: AppRuntime<RestStackServices>;
    caller?: RestCaller;
    input?: unknown;
  };
}
