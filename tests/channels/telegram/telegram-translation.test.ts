import { commandMenus, commandOf } from '../../../src/channels/telegram/telegram-commands';
import { escapeHtml } from '../../../src/channels/telegram/telegram-html';

describe('Telegram translation', () => {
  it('should escape everything HTML parse mode would interpret', () => {
    expect(escapeHtml('<b>5 & 6</b> > 3')).toBe('&lt;b&gt;5 &amp; 6&lt;/b&gt; &gt; 3');
  });

  it('should read German and English commands, also addressed to the bot in groups', () => {
    expect(commandOf('/hilfe', 'tueroeffner_bot')).toBe('help');
    expect(commandOf('/help', 'tueroeffner_bot')).toBe('help');
    expect(commandOf('/vergessen@tueroeffner_bot', 'tueroeffner_bot')).toBe('forget');
    expect(commandOf('/start@other_bot', 'tueroeffner_bot')).toBeUndefined();
    expect(commandOf('/neu bitte', 'tueroeffner_bot')).toBe('restart');
    expect(commandOf('Ich kenne niemanden', 'tueroeffner_bot')).toBeUndefined();
    expect(commandOf('/unbekannt', 'tueroeffner_bot')).toBeUndefined();
  });

  it('should offer only commands it understands, in both menus', () => {
    const menus = commandMenus();
    for (const entry of [...menus.de, ...menus.en])
      expect(commandOf(`/${entry.command}`, 'x')).toBeDefined();
    expect(menus.de.map((c) => c.command)).toContain('vergessen');
    expect(menus.en.map((c) => c.command)).toContain('forget');
  });
});
