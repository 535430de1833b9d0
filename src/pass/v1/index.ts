export {
  createV1Client,
  maskAuthorization,
  type AuthenticateLink,
  type V1Client,
  type V1ClientOptions,
  type V1Exchange,
  type V1Format,
  type V1Method,
  type V1RawRequest,
  type V1RawResponse,
} from './v1-client';
export { readField, readMvpds, type V1Mvpd } from './v1-read';
