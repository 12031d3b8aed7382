/**
 * Validation limits shared by the API (class-validator DTOs) and the client (form validators),
 * so both sides reject the same input with the same numbers.
 */
export const LIMITS = {
  email: { max: 254 },
  password: { min: 10, max: 200 },
  displayName: { min: 2, max: 80 },
  organisation: { max: 120 },
  comment: { min: 1, max: 10_000 },
  quote: { exactMax: 2_000, contextMax: 64 },
  page: { defaultSize: 20, maxSize: 100 },
  /** Largest request body the API accepts, in bytes (a 10,000-character comment fits with room). */
  bodyBytes: 256 * 1024,
} as const;

/** ISO 3166-1 alpha-2 country codes are two capital letters. */
export const COUNTRY_CODE_PATTERN = /^[A-Z]{2}$/;
