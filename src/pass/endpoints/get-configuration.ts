import { configurationResponseSchema, type ConfigurationResponse } from '../schemas/configuration';
import { servicePath, type CallOptions, type EndpointContext } from './context';

/** GET /api/v2/{serviceProvider}/configuration — the MVPDs available for the provider picker. */
export function getConfiguration(
  context: EndpointContext,
  options: CallOptions = {},
): Promise<ConfigurationResponse> {
  return context.transport.request({
    method: 'GET',
    path: servicePath(context, 'configuration'),
    schema: configurationResponseSchema,
    signal: options.signal,
  });
}
