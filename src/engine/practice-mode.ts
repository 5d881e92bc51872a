import type { TextClassifier } from '../nlu/intent-classifier';
import {
  contractParent,
  OBJECTION_INTENTS,
  type Lang,
  type ObjectionIntent,
} from '../nlu/intent-ids';
import { isPracticeLabel, PRACTICE_LABELS } from '../nlu/model-spec';
import { prefixOf, type ResponseKey } from './response-keys';
import type { PracticeProgress, PracticeRound } from './state';
import type { TurnContext } from './turn-context';
import type { ProgressChart } from './types';

/** Bars of the progress chart: this many blocks stand for a score of 3. */
const BAR_WIDTH = 10;
/** The best score of a practice answer. */
const MAX_SCORE = 3;
/** How many round scores the progress keeps for its picture of scores over time. */
const HISTORY_LENGTH = 12;

/**
 * Practice mode: the bot plays a doubter voicing one objection, the user answers
 * as a coach would, and each answer gets a score from 0 to 3 by the move the
 * practice classifier recognises (responses/practice.yml says which moves fit
 * which objection). The doubter softens after a good move and digs in after
 * arguing or lecturing; a round ends with a Keep / Start / Stop summary.
 */
export class PracticeMode {
  constructor(
    private readonly classifiers: Record<Lang, TextClassifier> | undefined,
    private readonly random: () => number,
  ) {}

  /** The menu: a random objection, the weakest one, or one to choose — and the user's pitch, when one is kept. */
  menu(ctx: TurnContext): void {
    if (!this.classifiers) return ctx.say('practice.unavailable');
    ctx.say('practice.menu');
    if (ctx.state.pitch) ctx.say('practice.menu_pitch');
    ctx.offer([
      ctx.button('practice:random', 'button.practice_random'),
      ctx.button('practice:weakest', 'button.practice_weakest'),
      ctx.button('practice:choose', 'button.practice_choose'),
      ...(ctx.state.pitch ? [ctx.button('practice:pitch', 'button.practice_pitch')] : []),
    ]);
  }

  /** Handles a practice button; returns whether it was one. */
  choice(ctx: TurnContext, choice: string): boolean {
    if (!choice.startsWith('practice:')) return false;
    const what = choice.slice('practice:'.length);
    if (what === 'stop') return (this.stop(ctx), true);
    if (what === 'choose') {
      ctx.say('practice.choose');
      ctx.offer(
        OBJECTION_INTENTS.map((intent) =>
          ctx.button(`practice:${intent}`, `objection_label.${prefixOf(intent)}`),
        ),
      );
      return true;
    }
    if (what === 'again')
      return (
        this.begin(ctx, ctx.state.practice?.mode ?? 'random', ctx.state.practice?.objection),
        true
      );
    if (what === 'random' || what === 'weakest') return (this.begin(ctx, what), true);
    if ((OBJECTION_INTENTS as readonly string[]).includes(what))
      return (this.begin(ctx, 'chosen', what as ObjectionIntent), true);
    return false;
  }

  /** Scores one answer of the user to the doubter. */
  answer(ctx: TurnContext): void {
    const round = ctx.state.practice;
    const classifier = this.classifiers?.[ctx.state.lang];
    if (!round || !classifier) return;
    const move = contractParent(classifier.classify(ctx.input.text).intent, PRACTICE_LABELS);
    const score = this.score(ctx, round.objection, move);
    round.scores.push(score);
    round.moves.push(move);
    this.feedback(ctx, round, move, score);
    if (round.scores.length >= ctx.content.practice.turnsPerRound)
      return this.summarise(ctx, round);
    ctx.breakMessage();
    ctx.say(
      score >= 2
        ? 'practice.react.soften'
        : score === 1
          ? 'practice.react.neutral'
          : 'practice.react.dig_in',
    );
  }

  /** Leaves practice (with a summary if the round had answers), a pitch rehearsal too. */
  stop(ctx: TurnContext): void {
    const round = ctx.state.practice;
    if (round && !round.finished && round.scores.length) this.summarise(ctx, round, false);
    ctx.state.practice = undefined;
    ctx.state.rehearsal = undefined;
    ctx.say('practice.stopped');
  }

  /**
   * The progress: per objection the last score as a bar, the best, the rounds; the streak, the
   * steps agreed and the best pitch rehearsal — as text, and as a picture with that text.
   */
  progress(ctx: TurnContext): void {
    const progress = ctx.state.progress;
    const entries = OBJECTION_INTENTS.flatMap((intent) => {
      const p = progress?.perObjection[intent];
      return p
        ? [{ ...p, label: ctx.phrases.label(ctx.voice, `objection_label.${prefixOf(intent)}`) }]
        : [];
    });
    const pitch = progress?.pitch;
    if (!entries.length && !pitch) return ctx.say('practice.progress_empty');
    const chart = entries
      .map((e) => {
        const filled = Math.round((e.last / MAX_SCORE) * BAR_WIDTH);
        return `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${e.last.toFixed(1)} · ${e.best.toFixed(1)} · ${e.rounds}× ${e.label}`;
      })
      .join('\n');
    const streak = progress?.streak ?? 0;
    const facts = [
      ...(streak ? [ctx.phrases.text(ctx.voice, 'practice.progress_streak', { streak })] : []),
      ctx.phrases.text(ctx.voice, 'practice.progress_steps', { steps: ctx.state.commitments }),
      ...(pitch
        ? [
            ctx.phrases.text(ctx.voice, 'practice.progress_pitch', {
              best: pitch.best,
              max: pitch.max,
              tries: pitch.tries,
            }),
          ]
        : []),
    ];
    ctx.say(entries.length ? 'practice.progress' : 'practice.progress_pitch_only', {
      chart,
      facts: facts.join('\n'),
    });
    const picture: ProgressChart = {
      kind: 'progress',
      title: ctx.phrases.label(ctx.voice, 'picture.progress.title'),
      rows: entries.map(({ label, last, best, rounds }) => ({ label, last, best, rounds })),
      maxScore: MAX_SCORE,
      history: progress?.history ?? [],
      historyLabel: ctx.phrases.label(ctx.voice, 'picture.progress.history'),
      facts,
    };
    ctx.picture(picture);
  }

  // === Helpers

  private begin(ctx: TurnContext, mode: PracticeRound['mode'], chosen?: ObjectionIntent): void {
    if (!this.classifiers) return ctx.say('practice.unavailable');
    const objection =
      chosen ??
      (mode === 'weakest' ? this.weakest(ctx.state.progress) : undefined) ??
      this.pick(OBJECTION_INTENTS);
    const persona = this.pick(ctx.content.practice.personas) ?? 'long_term_unemployed';
    ctx.state.flow = undefined;
    ctx.state.rehearsal = undefined;
    ctx.state.practice = { objection, persona, mode, scores: [], moves: [] };
    ctx.say(`practice.persona.${persona}`);
    ctx.say('practice.start');
    ctx.breakMessage();
    ctx.say(`practice.say.${prefixOf(objection)}`);
  }

  private score(ctx: TurnContext, objection: ObjectionIntent, move: string): number {
    const fit = ctx.content.practice.objections[objection];
    const among = (moves: readonly string[] | undefined) => Boolean(moves?.includes(move));
    if (among(fit?.best)) return 3;
    if (among(fit?.good) || among(ctx.content.practice.alwaysGood)) return 2;
    return move.startsWith('technique.') ? 1 : 0;
  }

  private feedback(ctx: TurnContext, round: PracticeRound, move: string, score: number): void {
    const reason =
      score === 3
        ? 'best'
        : score === 2
          ? 'good'
          : score === 1
            ? 'other_technique'
            : move === 'other'
              ? 'none'
              : 'antipattern';
    const label = (key: ResponseKey): string => ctx.phrases.label(ctx.voice, key);
    const lines: { key: ResponseKey; vars: Record<string, string | number> }[] = [
      {
        key: 'practice.score',
        vars: { score, reason: ctx.phrases.text(ctx.voice, `practice.reason.${reason}`) },
      },
      { key: 'practice.recognised', vars: { move: label(moveKey(move)) } },
    ];
    if (score < 3) {
      // The best-fitting move the user has not tried yet in this round.
      const best = ctx.content.practice.objections[round.objection]?.best ?? [];
      const better =
        best.find((m) => !round.moves.includes(m)) ?? best[0] ?? 'technique.ask_evidence';
      lines.push({ key: 'practice.better', vars: { move: label(`move.${better}`) } });
      lines.push({
        key: 'practice.model_answer',
        vars: { answer: label(`practice.model_answer.${prefixOf(round.objection)}`) },
      });
    }
    ctx.sayLines(lines);
  }

  private summarise(ctx: TurnContext, round: PracticeRound, offerMore = true): void {
    const average = round.scores.reduce((a, b) => a + b, 0) / round.scores.length;
    const moveLabel = (move: string): string => ctx.phrases.label(ctx.voice, moveKey(move));
    const bestUsed = round.moves.filter(
      (m, i) => m.startsWith('technique.') && (round.scores[i] ?? 0) >= 2,
    );
    const fit = ctx.content.practice.objections[round.objection];
    const notUsed = [...(fit?.best ?? []), ...(fit?.good ?? [])].find(
      (m) => !round.moves.includes(m),
    );
    // Every antipattern used is named, each once.
    const antipatterns = [...new Set(round.moves.filter((m) => m.startsWith('antipattern.')))];
    ctx.breakMessage();
    ctx.say('practice.summary', {
      average: average.toFixed(1),
      keep: bestUsed[0]
        ? moveLabel(bestUsed[0])
        : ctx.phrases.text(ctx.voice, 'practice.summary_keep_none'),
      start: moveLabel(notUsed ?? fit?.best[0] ?? 'technique.ask_evidence'),
      stop: antipatterns.length
        ? antipatterns.map(moveLabel).join('; ')
        : ctx.phrases.text(ctx.voice, 'practice.summary_nothing'),
    });
    this.record(ctx, round.objection, average);
    round.finished = true;
    if (!offerMore) return;
    ctx.say('practice.next');
    ctx.offer([
      ctx.button('practice:again', 'button.practice_again'),
      ctx.button('practice:stop', 'button.practice_stop'),
    ]);
  }

  private record(ctx: TurnContext, objection: ObjectionIntent, average: number): void {
    const progress: PracticeProgress = ctx.state.progress ?? { perObjection: {}, streak: 0 };
    const before = progress.perObjection[objection];
    const last = Math.round(average * 10) / 10;
    progress.perObjection[objection] = {
      last,
      best: Math.max(before?.best ?? 0, last),
      rounds: (before?.rounds ?? 0) + 1,
    };
    const today = new Date(ctx.state.updatedAt).toISOString().slice(0, 10);
    const yesterday = new Date(ctx.state.updatedAt - 86_400_000).toISOString().slice(0, 10);
    if (progress.lastDay !== today)
      progress.streak = progress.lastDay === yesterday ? progress.streak + 1 : 1;
    progress.lastDay = today;
    progress.history = [...(progress.history ?? []), last / MAX_SCORE].slice(-HISTORY_LENGTH);
    ctx.state.progress = progress;
  }

  // The practised objection with the lowest recent score.
  private weakest(progress: PracticeProgress | undefined): ObjectionIntent | undefined {
    const practised = OBJECTION_INTENTS.filter((intent) => progress?.perObjection[intent]);
    return practised.sort(
      (a, b) => (progress?.perObjection[a]?.last ?? 0) - (progress?.perObjection[b]?.last ?? 0),
    )[0];
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }
}

// The response key of a move's label; a move is always a practice label (the classifier's own).
function moveKey(move: string): ResponseKey {
  return isPracticeLabel(move) ? `move.${move}` : 'move.other';
}
