import { escapeText, pressedMessage, replyMessage } from '../../../src/channels/slack/slack-blocks';
import { parseEinwand } from '../../../src/channels/slack/slack-coach-tools';
import { personMessage, withoutMention } from '../../../src/channels/slack/slack-events';

describe('replyMessage', () => {
  it('should escape what Slack reads as markup in the fallback text', () => {
    expect(replyMessage({ text: 'a <@U1> & <!channel> > b' })).toEqual({
      text: 'a &lt;@U1&gt; &amp; &lt;!channel&gt; &gt; b',
    });
    expect(escapeText('&amp;')).toBe('&amp;amp;');
  });

  it('should put quick replies in an actions block that carries the choice ids', () => {
    const message = replyMessage({
      text: 'Wollen wir zählen?',
      buttons: [
        { id: 'count_yes', label: 'Ja, zählen wir!' },
        { id: 'objection.knows_nobody', label: 'x'.repeat(100) },
      ],
    });
    expect(message.blocks?.[0]).toEqual({
      type: 'section',
      text: { type: 'plain_text', text: 'Wollen wir zählen?', emoji: true },
    });
    expect(message.blocks?.[1]).toMatchObject({
      type: 'actions',
      elements: [
        { action_id: 'choice:count_yes', value: 'count_yes', text: { text: 'Ja, zählen wir!' } },
        { action_id: 'choice:objection.knows_nobody', value: 'objection.knows_nobody' },
      ],
    });
    const long = (message.blocks?.[1] as { elements: { text: { text: string } }[] }).elements[1];
    expect(long?.text.text).toHaveLength(75);
  });

  it("should split a long text with buttons into sections within Slack's 3000 characters", () => {
    const text = Array.from({ length: 80 }, (_, i) => `Zeile ${i} `.repeat(10)).join('\n');
    const message = replyMessage({ text, buttons: [{ id: 'yes', label: 'Ja' }] });
    const sections = (message.blocks ?? []).filter((b) => b.type === 'section') as {
      text: { text: string };
    }[];
    expect(sections.length).toBeGreaterThan(1);
    for (const section of sections) expect(section.text.text.length).toBeLessThanOrEqual(3000);
    expect(sections.map((s) => s.text.text).join('\n')).toBe(text);
  });
});

describe('pressedMessage', () => {
  it('should drop the buttons and record the pressed label', () => {
    const blocks = [
      { type: 'section', text: { type: 'plain_text', text: 'Frage?' } },
      { type: 'actions', elements: [] },
    ];
    expect(pressedMessage('Frage?', blocks, 'Ja')).toEqual({
      text: 'Frage?',
      blocks: [
        { type: 'section', text: { type: 'plain_text', text: 'Frage?' } },
        { type: 'context', elements: [{ type: 'plain_text', text: 'Ja', emoji: true }] },
      ],
    });
  });
});

describe('personMessage', () => {
  const base = { type: 'message', channel: 'D1', user: 'U1', text: 'hallo', ts: '1.2' };

  it("should read a person's message and skip bots, edits and subtypes", () => {
    expect(personMessage(base, 'T1')).toEqual({
      team: 'T1',
      channel: 'D1',
      user: 'U1',
      text: 'hallo',
      ts: '1.2',
    });
    expect(personMessage({ ...base, subtype: 'file_share' }, 'T1')).toBeDefined();
    for (const other of [
      { ...base, bot_id: 'B1' },
      { ...base, edited: { user: 'U1', ts: '1.3' } },
      { ...base, subtype: 'message_changed' },
      { ...base, subtype: 'channel_join' },
      { ...base, user: undefined },
      null,
      'text',
    ]) {
      expect(personMessage(other, 'T1')).toBeUndefined();
    }
  });

  it("should take the bot's mentions out of a text", () => {
    expect(withoutMention('<@UBOT> Ich kenne <@UOTHER> niemanden <@UBOT>', 'UBOT')).toBe(
      'Ich kenne <@UOTHER> niemanden',
    );
  });
});

describe('parseEinwand', () => {
  it('should read the voice before a colon or alone, and leave other texts whole', () => {
    expect(parseEinwand('du: Die können mir eh nicht helfen')).toEqual({
      voice: 'de-du',
      text: 'Die können mir eh nicht helfen',
    });
    expect(parseEinwand('  Sie  ')).toEqual({ voice: 'de-sie', text: '' });
    expect(parseEinwand('EN:I know nobody')).toEqual({ voice: 'en', text: 'I know nobody' });
    expect(parseEinwand('Du kennst doch niemanden')).toEqual({ text: 'Du kennst doch niemanden' });
    expect(parseEinwand('Sie können mir nicht helfen')).toEqual({
      text: 'Sie können mir nicht helfen',
    });
    expect(parseEinwand('')).toEqual({ text: '' });
  });
});
