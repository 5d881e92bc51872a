import { callbackUpdate, textUpdate, type Person } from '../../helpers/telegram-updates';
import { containsKey } from '../../helpers/transcript';
import { useTelegramTestBed } from './telegram-harness';

describe('practice mode on Telegram', () => {
  const bed = useTelegramTestBed('telegram-practice');
  const api = bed.api;
  const nora: Person = { id: 3001, first_name: 'Nora', language_code: 'de' };
  const lastText = () => api.textsTo(nora.id).at(-1) ?? '';
  const bot = { post: (update: unknown) => bed.bot().post(update) };
  // Presses a button of the bot's last message by its choice id.
  const press = async (choice: string) => {
    const sent = api.callsOf('sendMessage');
    const last = [...sent]
      .reverse()
      .find(
        (c) =>
          c.payload.chat_id === nora.id &&
          JSON.stringify(c.payload.reply_markup ?? '').includes(choice),
      );
    if (!last) throw new Error(`no button ${choice}`);
    await bot.post(callbackUpdate(nora, 100 + sent.indexOf(last), choice));
  };

  it('should play a full practice round with buttons, score it, keep the progress and leave with /stop', async () => {
    await bot.post(textUpdate(nora, '/ueben'));
    expect(containsKey(lastText(), 'de-sie', 'practice.menu')).toBe(true);
    await press('practice:choose');
    await press('practice:objection.afraid_to_bother');
    expect(containsKey(lastText(), 'de-sie', 'practice.say.afraid_to_bother')).toBe(true);
    await bot.post(
      textUpdate(
        nora,
        'Die meisten Menschen helfen doch gern – um Rat gefragt zu werden, schmeichelt.',
      ),
    );
    expect(api.textsTo(nora.id).slice(-2).join('\n')).toMatch(/Bewertung: 3\/3/);
    await bot.post(textUpdate(nora, 'Stell dich nicht so an.'));
    expect(api.textsTo(nora.id).slice(-2).join('\n')).toMatch(/Bewertung: 0\/3/);
    expect(containsKey(lastText(), 'de-sie', 'practice.react.dig_in')).toBe(true);
    await bot.post(textUpdate(nora, 'Woher weißt du, dass du die belästigst?'));
    expect(api.textsTo(nora.id).slice(-2).join('\n')).toMatch(/Durchschnitt 1\.\d\/3/);
    await bot.post(textUpdate(nora, '/fortschritt'));
    expect(lastText()).toMatch(/█.* · .* · 1× Ich trau mich nicht zu fragen/);
    await bot.post(textUpdate(nora, '/stop'));
    expect(containsKey(lastText(), 'de-sie', 'practice.stopped')).toBe(true);
    await bot.post(textUpdate(nora, 'Ich kenne niemanden.'));
    expect(containsKey(lastText(), 'de-sie', 'knows_nobody.offer_count')).toBe(true);
  });
});
