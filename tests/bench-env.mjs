// What the benchmarks (soak.mjs, load.mjs) read from the environment.

/** A whole number from the environment variable `name`, from `min` to `max`; `fallback` when unset. Exits with a message otherwise. */
export function intFromEnv(name, fallback, min, max) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    process.exit(2);
  }
  return n;
}
