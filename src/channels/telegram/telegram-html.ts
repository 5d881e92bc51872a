/** Escapes text for Telegram's HTML parse mode: everything the bot sends is shown exactly as written. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
