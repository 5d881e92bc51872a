import {
  signatureProblem,
  signRequest,
  SIGNATURE_WINDOW_SECONDS,
} from '../../../src/channels/slack/slack-signature';

describe('signatureProblem', () => {
  const secret = '8f742231b10e8888abcd99yyyzzz85a5';
  const now = 1_531_420_618_000;
  const ts = String(now / 1000);
  const body = Buffer.from(
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Feinwand&text=Ich+kenne+niemanden',
  );
  const headers = (signature: string, timestamp = ts) => ({
    'x-slack-signature': signature,
    'x-slack-request-timestamp': timestamp,
  });
  const signed = (timestamp = ts, payload: Buffer | string = body) =>
    headers(signRequest(secret, timestamp, payload), timestamp);

  it("should match Slack's documented example signature", () => {
    // https://api.slack.com/authentication/verifying-requests-from-slack (the worked example)
    const exampleBody =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signRequest(secret, '1531420618', exampleBody)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('should accept a correctly signed request', () => {
    expect(signatureProblem(signed(), body, secret, now)).toBeUndefined();
  });

  it('should refuse a signature made with another secret', () => {
    const other = headers(signRequest('not-the-secret', ts, body));
    expect(signatureProblem(other, body, secret, now)).toBe('mismatch');
  });

  it('should refuse a body with one byte changed', () => {
    const tampered = Buffer.from(body);
    tampered[tampered.length - 1] = tampered[tampered.length - 1]! ^ 1;
    expect(signatureProblem(signed(), tampered, secret, now)).toBe('mismatch');
  });

  it('should refuse the same JSON serialised with other spacing (the raw body counts)', () => {
    const json = { type: 'event_callback', event: { text: 'Ich kenne niemanden' } };
    const sentAs = Buffer.from(JSON.stringify(json));
    const reserialised = Buffer.from(JSON.stringify(json, null, 2));
    expect(signatureProblem(signed(ts, sentAs), reserialised, secret, now)).toBe('mismatch');
  });

  it('should refuse missing, repeated and non-numeric headers', () => {
    const good = signed();
    expect(signatureProblem({}, body, secret, now)).toBe('missing_headers');
    expect(signatureProblem({ 'x-slack-request-timestamp': ts }, body, secret, now)).toBe(
      'missing_headers',
    );
    expect(
      signatureProblem({ 'x-slack-signature': good['x-slack-signature'] }, body, secret, now),
    ).toBe('missing_headers');
    // node gives repeated unknown headers joined; a joined value is not a signature
    const repeated = `${good['x-slack-signature']}, ${good['x-slack-signature']}`;
    expect(signatureProblem(headers(repeated), body, secret, now)).toBe('mismatch');
    expect(
      signatureProblem(
        { 'x-slack-signature': good['x-slack-signature'], 'x-slack-request-timestamp': ['1', '2'] },
        body,
        secret,
        now,
      ),
    ).toBe('missing_headers');
    expect(
      signatureProblem(headers(good['x-slack-signature'], '15314206l8'), body, secret, now),
    ).toBe('bad_timestamp');
    expect(signatureProblem(headers(good['x-slack-signature'], '-5'), body, secret, now)).toBe(
      'bad_timestamp',
    );
  });

  it('should refuse a timestamp more than five minutes old, even with a valid signature', () => {
    const old = String(now / 1000 - SIGNATURE_WINDOW_SECONDS - 1);
    expect(signatureProblem(signed(old), body, secret, now)).toBe('stale');
  });

  it('should refuse a timestamp more than five minutes in the future (Bolt accepts it)', () => {
    const future = String(now / 1000 + SIGNATURE_WINDOW_SECONDS + 1);
    expect(signatureProblem(signed(future), body, secret, now)).toBe('future');
  });

  it('should accept timestamps exactly at the edge of the window, both ways', () => {
    for (const offset of [-SIGNATURE_WINDOW_SECONDS, SIGNATURE_WINDOW_SECONDS]) {
      const edge = String(now / 1000 + offset);
      expect(signatureProblem(signed(edge), body, secret, now)).toBeUndefined();
    }
  });
});
