// 老年人名册 and 事找人: the API's shapes (crates/server/src/elderly/outreach.rs, docs/api.md) and filter vocabularies.

export const AGE_BANDS = ['60-69', '70-79', '80-89', '90-99', '100+'] as const
export const LIVING = ['alone', 'empty_nest', 'left_behind', 'with_family'] as const
export const ASSISTANCE = ['dibao', 'tekun', 'low_income', 'old_age', 'none'] as const
export const DISABILITY = ['any', 'severe', 'none'] as const
export const LEVELS = ['intact', 'mild', 'moderate', 'severe', 'total', 'none'] as const
export const SERVICES = ['home_care', 'emergency_device', 'canteen', 'institution', 'none'] as const
export const RULES = ['turned_80', 'turned_90', 'turned_100', 'disability_in_dibao', 'severe_disability', 'orphaned', 'dibao_90_no_device', 'deceased_paid'] as const
/** Rules closed as done (a device installed, a death recorded on the allowance cases) rather than enrolled. */
export const DONE_RULES = ['dibao_90_no_device', 'deceased_paid']
export const TASK_STATUSES = ['open', 'enrolled', 'done', 'dismissed'] as const

// the payloads are the server's documented schemas (../../types)
export type { Elder, EnrolResult, MeansAssessment as Assessment, OutreachRun, OutreachTask, RegionCount, TaskDetail } from '../../types'
