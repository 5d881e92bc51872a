import { PITCH_PARTS, type PitchPart } from './pitch-definition';
import { PITCH_MAX_SCORE, reviewPitch, type PitchReview } from './pitch-review';
import type { PracticeProgress } from './state';
import type { TurnContext } from './turn-context';

/**
 * Rehearsing the saved pitch, a practice round of its own: the bot plays a
 * neighbour at a barbecue or a contact at a fair and asks what the user does;
 * the user says their pitch and hears how it came across (length, the three
 * parts, the ask at the end), then gets a second try. The best score is kept
 * for `fortschritt`; the pitch said is not stored.
 */
export class PitchRehearsalMode {
  constructor(private readonly random: () => number) {}

  /** Starts a rehearsal in one of the scenes, or says there is no pitch to rehearse yet. */
  begin(ctx: TurnContext): void {
    if (!ctx.state.pitch) return ctx.say('rehearsal.no_pitch');
    const scenes = ctx.content.pitch.rehearsal.scenes;
    const scene = scenes[Math.floor(this.random() * scenes.length)] ?? scenes[0] ?? 'barbecue';
    ctx.state.flow = undefined;
    ctx.state.practice = undefined;
    ctx.state.rehearsal = { scene, scores: [] };
    ctx.say(`rehearsal.scene.${scene}`);
    ctx.say('rehearsal.start');
    ctx.breakMessage();
    ctx.say(`rehearsal.question.${scene}`);
  }

  /** The user said their pitch: the scene reacts, feedback follows, then the second try or the end. */
  answer(ctx: TurnContext): void {
    const rehearsal = ctx.state.rehearsal;
    if (!rehearsal) return;
    const review = reviewPitch(ctx.input.text, ctx.state.lang, ctx.content.pitch);
    rehearsal.scores.push(review.score);
    this.record(ctx, review.score);
    ctx.say(
      review.ask === 'ends'
        ? `rehearsal.react.ask.${rehearsal.scene}`
        : `rehearsal.react.no_ask.${rehearsal.scene}`,
    );
    ctx.breakMessage();
    this.feedback(ctx, review);
    if (rehearsal.scores.length < ctx.content.pitch.rehearsal.tries) {
      ctx.breakMessage();
      ctx.say('rehearsal.again');
      return ctx.say(`rehearsal.question.${rehearsal.scene}`);
    }
    ctx.state.rehearsal = undefined;
    ctx.say('rehearsal.done', {
      best: Math.max(...rehearsal.scores),
      max: PITCH_MAX_SCORE,
    });
    ctx.offer([
      ctx.button('practice:pitch', 'button.rehearsal_again'),
      ctx.button('practice:stop', 'button.practice_stop'),
    ]);
  }

  private feedback(ctx: TurnContext, review: PitchReview): void {
    const partLabel = (part: PitchPart): string =>
      ctx.phrases.label(ctx.voice, `pitch.part.${part}`);
    const missing = PITCH_PARTS.filter((part) => !review.parts[part]);
    const vars = { words: review.words, seconds: review.seconds };
    ctx.sayLines([
      { key: 'rehearsal.score', vars: { score: review.score, max: PITCH_MAX_SCORE } },
      { key: `rehearsal.length_${review.length}`, vars },
      missing.length
        ? { key: 'rehearsal.parts_missing', vars: { part: missing.map(partLabel).join(', ') } }
        : { key: 'rehearsal.parts_all', vars: {} },
      { key: `rehearsal.ask_${review.ask}`, vars: {} },
    ]);
  }

  private record(ctx: TurnContext, score: number): void {
    const progress: PracticeProgress = ctx.state.progress ?? { perObjection: {}, streak: 0 };
    const before = progress.pitch;
    progress.pitch = {
      best: Math.max(before?.best ?? 0, score),
      last: score,
      max: PITCH_MAX_SCORE,
      tries: (before?.tries ?? 0) + 1,
    };
    ctx.state.progress = progress;
  }
}
