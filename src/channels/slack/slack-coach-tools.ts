import type { webApi } from '@slack/bolt';
import type { Voice } from '../../engine/content';
import type { Engine } from '../../engine/engine';
import { hashId, type Logger } from '../../observability/logger';
import type { ObjectionCounts, ObjectionStats } from '../../store/objection-stats';
import { homeView } from './app-home';
import type { CoachMessages } from './coach-messages';
import type { CoachSettings } from './coach-settings';
import type { ObjectionAnalyst } from './objection-analysis';
import { escapeText, type SlackMessage } from './slack-blocks';
import { errorName, userIdOf } from './slack-conversations';

/** What the coach tools need. */
export interface SlackCoachToolsOptions {
  analyst: ObjectionAnalyst;
  messages: CoachMessages;
  settings: CoachSettings;
  engine: Engine;
  stats: ObjectionStats;
  logger: Logger;
  /** Origins a response_url may point to (Slack's hooks, and a test server's). */
  responseOrigins: string[];
}

/** Who asked, where, and where Slack accepts an answer if chat.postEphemeral cannot reach the channel. */
export interface CoachRequest {
  team: string;
  user: string;
  channel: string;
  responseUrl?: string;
}

/** The words before a colon (or alone) that pick the voice: `/einwand du: …`, `/einwand Sie`. */
const VOICE_WORDS: Record<string, Voice> = { du: 'de-du', sie: 'de-sie', en: 'en' };

/**
 * A coach's request split into the chosen voice (if any) and the text to analyse.
 *
 * @example
 * parseEinwand('du: Die können mir eh nicht helfen') // { voice: 'de-du', text: 'Die können …' }
 * parseEinwand('Sie') // { voice: 'de-sie', text: '' }
 */
export function parseEinwand(input: string): { voice?: Voice; text: string } {
  const match = /^\s*(du|sie|en)\s*(?::([\s\S]*))?$/i.exec(input);
  const voice = match ? VOICE_WORDS[(match[1] ?? '').toLowerCase()] : undefined;
  if (!match || !voice) return { text: input.trim() };
  return { voice, text: (match[2] ?? '').trim() };
}

/**
 * The coach's tools: `/einwand`, the message shortcut "Einwand analysieren",
 * `/tueroeffner-vergessen` and the App Home tab. Answers are ephemeral (only
 * the coach sees them) and nothing of the analysed text is stored or logged.
 */
export class SlackCoachTools {
  constructor(private readonly options: SlackCoachToolsOptions) {}

  /** `/einwand [du|Sie|en][:] <Text>`: the analysis, a usage note, or a confirmed voice. */
  async onEinwand(request: CoachRequest, input: string, client: webApi.WebClient): Promise<void> {
    const { voice: chosen, text } = parseEinwand(input);
    if (chosen) await this.options.settings.setVoice(request.team, request.user, chosen);
    const voice = chosen ?? (await this.voiceFor(request, text));
    const { messages } = this.options;
    if (!text) {
      const note = chosen ? 'analysis.voice_set' : 'analysis.usage';
      return this.ephemeral(request, messages.note(voice, note), client);
    }
    await this.analyse(request, text, voice, 'command', client);
  }

  /** The shortcut on a message: the same analysis of that message's text. */
  async onShortcut(request: CoachRequest, text: string, client: webApi.WebClient): Promise<void> {
    const voice = await this.voiceFor(request, text);
    if (!text.trim()) {
      return this.ephemeral(
        request,
        this.options.messages.note(voice, 'analysis.empty_message'),
        client,
      );
    }
    await this.analyse(request, text, voice, 'shortcut', client);
  }

  /** `/tueroeffner-vergessen`: deletes everything stored about the user and confirms it. */
  async onForget(request: CoachRequest, client: webApi.WebClient): Promise<void> {
    // The conversation only decides the language of the confirmation; every conversation is deleted.
    const turn = await this.options.engine.forget({
      channel: 'slack',
      conversationId: `slack:${request.team}:${request.channel}`,
      userId: userIdOf(request.team, request.user),
    });
    this.options.logger.info({ event: 'slack.forget', outcome: turn.outcome }, 'forget');
    const text = escapeText(turn.replies.map((reply) => reply.text).join('\n\n'));
    await this.ephemeral(request, { text }, client);
  }

  /** The App Home tab, published for the coach who opened it, in their voice. */
  async onHomeOpened(team: string, user: string, client: webApi.WebClient): Promise<void> {
    const voice = (await this.options.settings.voice(team, user)) ?? 'de-sie';
    const [week, month] = await Promise.all([this.totals(team, 7), this.totals(team, 30)]);
    await client.views.publish({
      user_id: user,
      view: homeView(this.options.messages, voice, { week, month }),
    });
  }

  // === Helpers

  private async analyse(
    request: CoachRequest,
    text: string,
    voice: Voice,
    source: 'command' | 'shortcut',
    client: webApi.WebClient,
  ): Promise<void> {
    const analysis = this.options.analyst.analyse(text, voice);
    this.options.logger.info(
      {
        event: 'slack.analysis',
        source,
        kind: analysis.kind,
        ...(analysis.kind === 'objection' ? { intent: analysis.guess.objection } : {}),
        coach: hashId(userIdOf(request.team, request.user)),
      },
      'objection analysis',
    );
    await this.ephemeral(request, this.options.messages.analysis(analysis, voice), client);
  }

  // The coach's voice: as chosen before, else English for an English text, else Sie.
  private async voiceFor(request: CoachRequest, text: string): Promise<Voice> {
    const stored = await this.options.settings.voice(request.team, request.user);
    if (stored) return stored;
    return this.options.analyst.langOf(text, 'de-sie') === 'en' ? 'en' : 'de-sie';
  }

  private async totals(team: string, days: number): Promise<ObjectionCounts> {
    return this.options.stats.totals(team, days).catch((error: unknown) => {
      this.options.logger.warn({ event: 'slack.stats_failed', error: errorName(error) }, 'stats');
      return {};
    });
  }

  /**
   * Only the coach sees it. chat.postEphemeral reaches channels the bot is in;
   * elsewhere (a DM between coach and client) Slack's response_url still does.
   */
  private async ephemeral(
    request: CoachRequest,
    message: SlackMessage,
    client: webApi.WebClient,
  ): Promise<void> {
    try {
      await client.chat.postEphemeral({ channel: request.channel, user: request.user, ...message });
    } catch (error) {
      if (!this.allowedResponseUrl(request.responseUrl)) throw error;
      this.options.logger.info(
        { event: 'slack.ephemeral_fallback', error: errorName(error) },
        'answering through response_url',
      );
      await postToResponseUrl(request.responseUrl, message);
    }
  }

  private allowedResponseUrl(url: string | undefined): url is string {
    if (!url) return false;
    try {
      return this.options.responseOrigins.includes(new URL(url).origin);
    } catch {
      return false;
    }
  }
}

async function postToResponseUrl(url: string, message: SlackMessage): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, ...message }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`response_url answered ${response.status}`);
}
