import { MemoryStore } from '../../src/store/memory-store';

describe('MemoryStore', () => {
  it('should expire state after its time-to-live', async () => {
    let now = 1_000_000;
    const store = new MemoryStore(60, () => now);
    const key = { userId: 'u', conversationId: 'c' };
    await store.update(key, () => ({ next: { a: 1 }, result: undefined }));
    now += 59_000;
    expect(await store.read(key)).toEqual({ a: 1 });
    now += 2_000;
    expect(await store.read(key)).toBeUndefined();
  });

  it('should forget all conversations of one user only', async () => {
    const store = new MemoryStore();
    await store.update({ userId: 'u1', conversationId: 'a' }, () => ({ next: 1, result: 0 }));
    await store.update({ userId: 'u1', conversationId: 'b' }, () => ({ next: 2, result: 0 }));
    await store.update({ userId: 'u2', conversationId: 'a' }, () => ({ next: 3, result: 0 }));
    await store.forgetUser('u1');
    expect(store.size).toBe(1);
    expect(await store.read({ userId: 'u2', conversationId: 'a' })).toBe(3);
  });

  it('should hand out copies, so a change cannot alter stored state without a write', async () => {
    const store = new MemoryStore();
    const key = { userId: 'u', conversationId: 'c' };
    await store.update(key, () => ({ next: { list: [1] }, result: undefined }));
    const copy = (await store.read(key)) as { list: number[] };
    copy.list.push(2);
    expect(await store.read(key)).toEqual({ list: [1] });
  });

  it('should keep at most its limit of conversations, the least recently written going first', async () => {
    const store = new MemoryStore(600, Date.now, 3);
    const key = (c: string) => ({ userId: 'u', conversationId: c });
    for (const c of ['a', 'b', 'c']) await store.update(key(c), () => ({ next: c, result: 0 }));
    // "a" is written again, so "b" is now the least recently used.
    await store.update(key('a'), () => ({ next: 'a2', result: 0 }));
    await store.update(key('d'), () => ({ next: 'd', result: 0 }));
    expect(store.size).toBe(3);
    expect(await store.read(key('b'))).toBeUndefined();
    expect(await store.read(key('a'))).toBe('a2');
    expect(await store.read(key('d'))).toBe('d');
  });
});
