// 大民政工作计划: the shapes of the API's answers (docs/plan.md). Quantities are in hundredths
// (25000 = 250), money in integer fen.

export interface PlanSummary {
  id: number
  name: string
  years: number[]
  systems: number
  tasks: number
  lines: number
  units: number
  source_file: string
  created_by: string
  created_at: string
}

export interface UnitRef { id: number; name: string }

export interface Target {
  id: number
  line_id: number
  year: number
  /** what is counted (床位, 补助), may be empty */
  subject: string
  hundredths: number
  unit: string
  /** money only: the amount in fen */
  fen: number | null
  /** 每X: the unit a rate is per */
  per: string | null
  source: 'parsed' | 'manual'
  version: number
  updated_by: string
  updated_at: string
}

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
export interface PlanUnit {
  id: number
  name: string
  kind: UnitKind
  kind_zh: string
  region_code: string | null
  lead_lines: number
  related_lines: number
}

export interface MatrixUnit { id: number; name: string; kind: string }
export interface MatrixTask { id: number; system: string; group: string; name: string; due_year: number }
export interface MatrixCell { task_id: number; unit_id: number; role: 'lead' | 'related' }
export interface Matrix { units: MatrixUnit[]; tasks: MatrixTask[]; cells: MatrixCell[] }
