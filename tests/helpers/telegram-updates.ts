/** Update objects shaped exactly like the Bot API documentation's examples. */

let nextUpdateId = 700_000;
let nextMessageId = 1;

export interface Person {
  id: number;
  first_name: string;
  language_code?: string;
}

export const privateChat = (user: Person) => ({
  id: user.id,
  type: 'private',
  first_name: user.first_name,
});
export const groupChat = (id: number) => ({ id, type: 'group', title: 'Bewerbungsgruppe' });

/** A text message update in a chat (private unless a chat is given). */
export function textUpdate(
  user: Person,
  text: string,
  chat: Record<string, unknown> = privateChat(user),
  extra: Record<string, unknown> = {},
) {
  const entities = text.startsWith('/')
    ? [{ offset: 0, length: text.split(/\s/)[0]?.length ?? 0, type: 'bot_command' }]
    : undefined;
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      from: { is_bot: false, ...user },
      chat,
      date: Math.floor(Date.now() / 1000),
      text,
      ...(entities ? { entities } : {}),
      ...extra,
    },
  };
}

/** A sticker message. */
export function stickerUpdate(user: Person) {
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      from: { is_bot: false, ...user },
      chat: privateChat(user),
      date: Math.floor(Date.now() / 1000),
      sticker: {
        file_id: 'CAACAgIAAxkBAAEB',
        file_unique_id: 'AgADBAADr',
        type: 'regular',
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji: '👍',
      },
    },
  };
}

/** An edited text message. */
export function editedUpdate(user: Person, text: string) {
  return {
    update_id: nextUpdateId++,
    edited_message: {
      message_id: nextMessageId++,
      from: { is_bot: false, ...user },
      chat: privateChat(user),
      date: Math.floor(Date.now() / 1000) - 60,
      edit_date: Math.floor(Date.now() / 1000),
      text,
    },
  };
}

/** A button press on a message the bot sent. */
export function callbackUpdate(user: Person, messageId: number, data: string) {
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: `cb${nextUpdateId}`,
      from: { is_bot: false, ...user },
      chat_instance: '-4242',
      data,
      message: {
        message_id: messageId,
        from: { id: 4242, is_bot: true, first_name: 'Türöffner', username: 'tueroeffner_bot' },
        chat: privateChat(user),
        date: Math.floor(Date.now() / 1000),
        text: '…',
      },
    },
  };
}

/** The user blocked the bot ("kicked") or it left: a my_chat_member update of a private chat. */
export function membershipUpdate(user: Person, status: 'kicked' | 'left' | 'member') {
  return {
    update_id: nextUpdateId++,
    my_chat_member: {
      chat: privateChat(user),
      from: { is_bot: false, ...user },
      date: Math.floor(Date.now() / 1000),
      old_chat_member: {
        status: 'member',
        user: { id: 4242, is_bot: true, first_name: 'Türöffner' },
      },
      new_chat_member: { status, user: { id: 4242, is_bot: true, first_name: 'Türöffner' } },
    },
  };
}
