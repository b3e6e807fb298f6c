import { ACCOUNT_STATUSES } from '../../../common/enums.js';
import { invalid } from '../../lib/errors.js';
import { enumInput } from '../agents/create-agent.js';
import { EMAIL_PATTERN } from '../users/create-user.js';

/** Account attributes a platform app may set (`accounts_controller#permitted_params`). */
export interface PlatformAccountInput {
  name?: string;
  /** A language code such as `en` or `pt_BR`. */
  locale?: string;
  domain?: string | null;
  support_email?: string | null;
  /** `active` or `suspended`. */
  status?: string;
  /** Replaces the stored limits (e.g. `{agents, inboxes}`). */
  limits?: Record<string, unknown>;
  /** Replaces the stored custom attributes. */
  custom_attributes?: Record<string, unknown>;
  /** `{feature_name: true|false}`: each named feature is switched on or off, others stay as they are. */
  features?: Record<string, boolean>;
}

/** Checks the fields Chatwoot's Account model validates; returns the status integer when given. */
export function checkPlatformAccountInput(input: PlatformAccountInput): number | undefined {
  if (input.name !== undefined && !input.name.trim()) {
    throw invalid('name', "can't be blank");
  }
  if (input.locale !== undefined && !/^[a-z]{2,3}(_[A-Za-z]{2,4})?$/.test(input.locale)) {
    throw invalid('locale', 'is not included in the list');
  }
  if (input.support_email && !EMAIL_PATTERN.test(input.support_email)) {
    throw invalid('support_email', 'is invalid');
  }
  return input.status === undefined ? undefined : enumInput(ACCOUNT_STATUSES, 'status', input.status, 0);
}
