import { enumName, flagNames, REPLY_TIMES, WIDGET_FEATURE_FLAGS } from '../../common/enums.js';
import type { ChannelWebWidgetRow } from '../db/schema.js';
import type { InboxView } from './inbox.presenter.js';

/** The snippet a site pastes to load the widget (`Channel::WebWidget#web_widget_script`). */
export function webWidgetScript(frontendUrl: string, websiteToken: string): string {
  return `
    <script>
      (function(d,t) {
        var BASE_URL="${frontendUrl}";
        var g=d.createElement(t),s=d.getElementsByTagName(t)[0];
        g.src=BASE_URL+"/packs/js/sdk.js";
        g.async = true;
        s.parentNode.insertBefore(g,s);
        g.onload=function(){
          window.chatwootSDK.run({
            websiteToken: '${websiteToken}',
            baseUrl: BASE_URL
          })
        }
      })(document,"script");
    </script>
    `;
}

/** The channel-specific keys of a website inbox; hmac_token only for administrators. */
export function webWidgetKeys(channel: ChannelWebWidgetRow, showSecrets: boolean, frontendUrl: string): Partial<InboxView> {
  return {
    allowed_domains: channel.allowed_domains, widget_color: channel.widget_color, website_url: channel.website_url,
    hmac_mandatory: channel.hmac_mandatory, welcome_title: channel.welcome_title, welcome_tagline: channel.welcome_tagline,
    web_widget_script: webWidgetScript(frontendUrl, channel.website_token), website_token: channel.website_token,
    selected_feature_flags: flagNames(WIDGET_FEATURE_FLAGS, channel.feature_flags), reply_time: enumName(REPLY_TIMES, channel.reply_time),
    pre_chat_form_enabled: channel.pre_chat_form_enabled, pre_chat_form_options: channel.pre_chat_form_options,
    continuity_via_email: channel.continuity_via_email,
    ...(showSecrets ? { hmac_token: channel.hmac_token } : {}),
  };
}
