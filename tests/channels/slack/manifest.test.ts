import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ANALYSE_SHORTCUT, SLACK_COMMANDS } from '../../../src/channels/slack/slack-channel';
import { SLACK_EVENTS_PATH } from '../../../src/channels/slack/slack-http-receiver';

interface Manifest {
  display_information: { name: string; description: string; long_description: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    bot_user: { display_name: string };
    shortcuts: { type: string; callback_id: string; description: string }[];
    slash_commands: { command: string; url: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
  };
}

describe('slack/manifest.yml', () => {
  const file = path.join(__dirname, '..', '..', '..', 'slack', 'manifest.yml');
  const manifest = parse(fs.readFileSync(file, 'utf8')) as Manifest;

  it('should declare exactly the commands and the shortcut the channel listens for', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(
      Object.values(SLACK_COMMANDS).sort(),
    );
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: ANALYSE_SHORTCUT }),
    ]);
  });

  it('should subscribe to the events the channel handles, with the scopes they need and no more', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'message.im',
    ]);
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'chat:write',
      'commands',
      'files:write',
      'im:history',
      'im:write',
    ]);
    expect(manifest.features.app_home).toMatchObject({
      home_tab_enabled: true,
      messages_tab_enabled: true,
    });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('should send everything to the one events route', () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(new Set(urls.map((url) => new URL(url).origin)).size).toBe(1);
  });

  it("should keep Slack's length limits", () => {
    const info = manifest.display_information;
    expect(info.description.length).toBeLessThanOrEqual(140);
    expect(info.long_description.length).toBeGreaterThanOrEqual(174);
    expect(info.long_description.length).toBeLessThanOrEqual(4000);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
    for (const shortcut of manifest.features.shortcuts) {
      expect(shortcut.description.length).toBeLessThanOrEqual(150);
    }
  });
});
