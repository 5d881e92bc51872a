import type { Content, Voice } from '../../engine/content';
import type { ObjectionIntent } from '../../nlu/intent-ids';
import { coachText, type CoachTexts } from './coach-texts';
import type { Analysis, ObjectionGuess } from './objection-analysis';
import { escapeText, type Block, type SlackMessage } from './slack-blocks';

/**
 * Writes what the coach sees: the ephemeral analysis of /einwand and the
 * shortcut, and the short notes around it (usage, voice chosen). All texts
 * come from responses/slack-coach.yml and responses/<voice>.yml.
 */
export class CoachMessages {
  constructor(
    private readonly coach: CoachTexts,
    private readonly content: Content,
  ) {}

  /** The analysis of one text, as an ephemeral message. */
  analysis(analysis: Analysis, voice: Voice): SlackMessage {
    const heading = this.text(voice, 'analysis.heading');
    const body = this.body(analysis, voice);
    const footer: Block = {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: this.text(voice, 'analysis.footer') }],
    };
    return {
      text: heading,
      blocks: [{ type: 'header', text: { type: 'plain_text', text: heading } }, ...body, footer],
    };
  }

  /** A single note (usage, voice chosen, no text) as an ephemeral message. */
  note(voice: Voice, key: string): SlackMessage {
    const text = this.text(voice, key);
    return { text, blocks: [section(text)] };
  }

  /** The label of an objection in a voice ("Ich kenne niemanden"). */
  label(voice: Voice, objection: ObjectionIntent | string): string {
    const key = `objection_label.${objection.replace(/^objection\./, '')}`;
    return escapeText(this.content.texts[voice][key]?.[0]?.text ?? objection);
  }

  /** A coach text with placeholders filled. */
  text(voice: Voice, key: string, vars: Record<string, string | number> = {}): string {
    return coachText(this.coach, voice, key, vars);
  }

  private body(analysis: Analysis, voice: Voice): Block[] {
    if (analysis.kind === 'crisis') return [section(this.text(voice, 'analysis.crisis'))];
    if (analysis.kind === 'none') {
      const lines = [this.text(voice, 'analysis.no_objection')];
      if (analysis.closest) lines.push(this.guessLine(voice, 'analysis.closest', analysis.closest));
      return [section(lines.join('\n'))];
    }
    const { guess, alternative, questions } = analysis;
    const verdict = [
      this.text(voice, 'analysis.objection', { label: this.label(voice, guess.objection) }),
      this.text(voice, 'analysis.confidence', {
        percent: percent(guess.confidence),
        level: this.text(voice, `analysis.level.${this.level(guess.confidence)}`),
      }),
      ...(alternative ? [this.guessLine(voice, 'analysis.alternative', alternative)] : []),
    ];
    const asks = [
      this.text(voice, 'analysis.ask_next'),
      ...questions.map((q) => `• ${escapeText(q)}`),
    ];
    return [section(verdict.join('\n')), section(asks.join('\n'))];
  }

  private guessLine(voice: Voice, key: string, guess: ObjectionGuess): string {
    return this.text(voice, key, {
      label: this.label(voice, guess.objection),
      percent: percent(guess.confidence),
    });
  }

  private level(confidence: number): 'high' | 'medium' | 'low' {
    if (confidence >= this.coach.levels.high) return 'high';
    return confidence >= this.coach.levels.medium ? 'medium' : 'low';
  }
}

// === Helpers

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function percent(confidence: number): number {
  return Math.round(Math.min(1, Math.max(0, confidence)) * 100);
}
