/** The building blocks of contract entries: method specs, audit categories and common schemas. */
import { z } from 'zod';
import type { Permission } from '../access';
import { PAGE_LIMIT } from '../limits';

/** Audit categories (DOMAIN.md §11, Purview's categories plus the workbench's own). */
export const AUDIT_CATEGORIES = [
  'system',
  'authentication',
  'accounts',
  'settings',
  'policies',
  'imports',
  'alerts',
  'cases',
  'content',
  'noticeTemplates',
  'notices',
  'exports',
  'privacy',
  'users',
  'audit',
] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

/** One contract entry. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** One line saying what the method does. */
  summary: string;
  input: I;
  output: O;
  permission: Permission;
  audit: AuditCategory;
  /** Sensitive actions need the password re-entered within the last few minutes. */
  reauth?: boolean;
}

/** Declares one contract entry (keeps the literal types of input and output). */
export function method<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

/** Input of methods that take nothing. */
export const noInput = z.object({}).strict();
/** Output of methods that only succeed or fail. */
export const done = z.object({ done: z.literal(true) });
/** Offset paging used by list methods. */
export const paging = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(PAGE_LIMIT).default(100),
};
