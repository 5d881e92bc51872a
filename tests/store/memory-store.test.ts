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
});
