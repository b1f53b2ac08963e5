// 大民政工作计划: the shapes of the API's answers (docs/plan.md). Quantities are in hundredths
// (25000 = 250), money in integer fen.
import type { components } from '../api/schema'

type S = components['schemas']

export type PlanSummary = S['PlanSummary']

export interface UnitRef { id: number; name: string }

export type Target = S['TargetRecord']

export interface PlanLine {
  id: number
  /** the spreadsheet row it came from */
  row: number
  due_year: number
  lead: UnitRef
  related: UnitRef[]
  plans: { year: number; text: string }[]
  targets: Target[]
}

export interface PlanTask { id: number; name: string; due_year: number; lines: PlanLine[] }
export interface PlanGroup { name: string; tasks: PlanTask[] }
export interface PlanSystem { name: string; groups: PlanGroup[] }
/** GET /plan/plans/{id}: the summary's fields, `systems` being the tree here (not the count) */
export interface PlanDetail extends Omit<PlanSummary, 'systems'> { systems: PlanSystem[] }

export type UnitKind = 'department' | 'town' | 'all_towns' | 'other'
export type PlanUnit = S['UnitView']

export interface MatrixUnit { id: number; name: string; kind: string }
export interface MatrixTask { id: number; system: string; group: string; name: string; due_year: number }
export interface MatrixCell { task_id: number; unit_id: number; role: 'lead' | 'related' }
export interface Matrix { units: MatrixUnit[]; tasks: MatrixTask[]; cells: MatrixCell[] }
