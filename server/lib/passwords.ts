/** The argon2 binding, loaded at the first sign-in or password change (an idle server never needs it). */
function argon2(): Promise<typeof import('@node-rs/argon2')> {
  return import('@node-rs/argon2');
}

/** Hashes a password with argon2id. */
export async function hashPassword(password: string): Promise<string> {
  return (await argon2()).hash(password);
}

/** Checks a password against its argon2 hash; false for an empty hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (!passwordHash) {
    return false;
  }
  try {
    return await (await argon2()).verify(passwordHash, password);
  } catch {
    return false;
  }
}
