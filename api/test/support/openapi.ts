import type { HttpClient } from './http-client';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SchemaObject {
  type?: string;
  format?: string;
  enum?: unknown[];
  $ref?: string;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  allOf?: SchemaObject[];
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
}

export interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: SchemaObject }> };
  security?: Record<string, string[]>[];
  responses?: Record<string, unknown>;
}

export interface OpenApiDocument {
  paths: Record<string, Partial<Record<Lowercase<HttpMethod>, OpenApiOperation>>>;
  components?: { schemas?: Record<string, SchemaObject> };
}

/** One operation of the document: `GET /api/documents/{slug}` and what it declares. */
export interface Endpoint {
  key: string;
  method: HttpMethod;
  path: string;
  operation: OpenApiOperation;
  /** Declares the session cookie: anonymous callers get 401. */
  authenticated: boolean;
  pathParams: OpenApiParameter[];
  queryParams: OpenApiParameter[];
  /** The request body schema, with $ref resolved one level (nested refs resolve through resolveSchema). */
  body: SchemaObject | null;
}

const METHODS: HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Follows $ref (and a single allOf, as @nestjs/swagger writes for nullable refs) to the schema itself. */
export function resolveSchema(doc: OpenApiDocument, schema: SchemaObject | undefined): SchemaObject {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved schema reference ${schema.$ref}`);
    return resolveSchema(doc, target);
  }
  if (schema.allOf?.length === 1) return resolveSchema(doc, schema.allOf[0]);
  return schema;
}

/** Every path × method of the app's own OpenAPI document (GET /api/docs-json). */
export async function loadOpenApi(client: HttpClient): Promise<{ doc: OpenApiDocument; endpoints: Endpoint[] }> {
  const response = await client.get<OpenApiDocument>('/api/docs-json');
  if (response.status !== 200) throw new Error(`GET /api/docs-json answered ${response.status}`);
  const doc = response.body;
  const endpoints: Endpoint[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = operations[method.toLowerCase() as Lowercase<HttpMethod>];
      if (!operation) continue;
      const parameters = operation.parameters ?? [];
      const json = operation.requestBody?.content['application/json']?.schema;
      endpoints.push({
        key: `${method} ${path}`,
        method,
        path,
        operation,
        authenticated: (operation.security ?? []).some((s) => 'session' in s),
        pathParams: parameters.filter((p) => p.in === 'path'),
        queryParams: parameters.filter((p) => p.in === 'query'),
        body: json ? resolveSchema(doc, json) : null,
      });
    }
  }
  return { doc, endpoints };
}

/** `/api/comments/{id}` with `{ id: '…' }` → `/api/comments/…` (values URL-encoded). */
export function fillPath(path: string, values: Record<string, string>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for path parameter ${name} of ${path}`);
    return encodeURIComponent(value);
  });
}
