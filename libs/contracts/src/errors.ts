/** One field's problems, as the API reports them in a 400. */
export interface FieldError {
  /** Dotted path of the offending field, e.g. `quote.exact` or `query.limit`. */
  field: string;
  problems: string[];
}

/** The shape of every error the API returns. */
export interface ApiError {
  statusCode: number;
  /** A stable machine-readable code, e.g. `VALIDATION_FAILED`, `COMMENT_NOT_FOUND`. */
  error: string;
  /** A sentence a person can read. */
  message: string;
  details?: FieldError[];
}
