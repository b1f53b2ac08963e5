// 大民政工作计划: the plan's payloads, aliases of the schemas generated from the server's document
// (src/api/schema.d.ts, `npm run gen:api`; docs/plan.md). Quantities are in hundredths (25000 = 250),
// money in integer fen. The progress pages' own shapes are in views/progress/progress.ts.
import type { components } from '../api/schema'

type S = components['schemas']

export type PlanSummary = S['PlanSummary']
export type UnitRef = S['plan.UnitRef']
export type Target = S['TargetRecord']
/** A line of a task: its responsible units, its plan text per year and its targets. */
export type PlanLine = S['LineView']
/** A task (its id is its first line's: tasks have no id of their own). */
export type PlanTask = S['plan.TaskView']
export type PlanGroup = S['GroupView']
export type PlanSystem = S['SystemView']
/** GET /plan/plans/{id}: the summary's fields, `systems` being the tree here (not the count) */
export type PlanDetail = S['plan.PlanView']

export type UnitKind = 'department' | 'town' | 'all_towns' | 'other'
export type PlanUnit = S['UnitView']
export type MembersView = S['MembersView']

export type MatrixUnit = S['plan.MatrixUnit']
export type MatrixTask = S['plan.MatrixTask']
/** `role`: lead | related */
export type MatrixCell = S['plan.MatrixCell']
export type Matrix = S['plan.MatrixView']

/** The bodies of the plan's forms (every field optional: the server names what is missing). */
export type PlanBody = S['plan.PlanBody']
export type LineBody = S['LineBody']
export type TargetBody = S['TargetBody']
export type ReportBody = S['ReportBody']
export type ReviewBody = S['progress.ReviewBody']
export type IndicatorBody = S['IndicatorBody']
export type IndicatorRecord = S['IndicatorRecord']
export type ValueBody = S['ValueBody']
