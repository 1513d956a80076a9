import { describe, expect, it } from 'vitest';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from './password.ts';

describe('the dummy hash unknown usernames are checked against', () => {
  it('has the parameters and shape of a real hash, so it costs the same scrypt run', async () => {
    const real = (await hashPassword('presidio')).split('$');
    const dummy = DUMMY_PASSWORD_HASH.split('$');
    expect(dummy.slice(0, 4)).toEqual(real.slice(0, 4));
    expect(Buffer.from(dummy[4], 'base64')).toHaveLength(Buffer.from(real[4], 'base64').length);
    expect(Buffer.from(dummy[5], 'base64')).toHaveLength(Buffer.from(real[5], 'base64').length);
  });

  it('matches no password', async () => {
    for (const pw of ['', 'presidio', 'password', DUMMY_PASSWORD_HASH]) expect(await verifyPassword(pw, DUMMY_PASSWORD_HASH)).toBe(false);
  });
});
