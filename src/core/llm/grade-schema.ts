// The shape the grader must reply with: one entry per rubric item id, evidence before rationale before
// verdict (models write keys in schema order, so the reasons come before the label). The zod schema
// validates every reply; the JSON Schema derived from it is what json_schema mode sends.
import * as z from 'zod';

export const VERDICTS = ['met', 'partial', 'missed'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_POINTS: Record<Verdict, number> = { met: 1, partial: 0.5, missed: 0 };

export const ModelItemSchema = z.object({
  evidence: z.array(z.string()),
  rationale: z.string(),
  verdict: z.enum(VERDICTS),
});
export type ModelItem = z.infer<typeof ModelItemSchema>;

/** Exactly the given ids under `items`: a missing or extra id fails validation (and triggers a repair). */
export const gradeReplySchema = (ids: readonly string[]) =>
  z.object({
    items: z.strictObject(Object.fromEntries(ids.map((id) => [id, ModelItemSchema]))) as unknown as z.ZodType<Record<string, ModelItem>>,
    injection_suspected: z.boolean(),
    summary: z.string(),
  });
export type GradeReply = { items: Record<string, ModelItem>; injection_suspected: boolean; summary: string };

/** JSON Schema for response_format (OpenAI's strict subset: every key required, no extra keys). */
export const jsonSchemaFor = (schema: z.ZodType): Record<string, unknown> => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
  return rest;
};

/** The example shown in the prompt (Ollama and some others do not pass the schema to the model). */
export const shapeExample = (ids: readonly string[]): string => {
  const items = ids
    .map((id) => `    ${JSON.stringify(id)}: {"evidence": ["<quote copied from the answer>"], "rationale": "<at most two sentences>", "verdict": "met|partial|missed"}`)
    .join(',\n');
  return `{\n  "items": {\n${items}\n  },\n  "injection_suspected": false,\n  "summary": "<one or two sentences on this part of the answer>"\n}`;
};
