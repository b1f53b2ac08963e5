// 人口信息: the registry's payloads, aliases of the schemas generated from the server's document
// (src/api/schema.d.ts, `npm run gen:api`).
import type { components } from '../api/schema'

type S = components['schemas']

export type RegionRef = S['RegionRef']
export type Region = S['RegionView']
export type Disability = S['DisabilityView']
export type Person = S['PersonView']
/** The person form's body (PersonInput and, for updates, the version read). */
export type PersonInput = S['PersonBody']
export type Member = S['MemberView']
export type Household = S['HouseholdView']
/** A household's create or update body (its address, region, members and, for updates, the version). */
export type HouseholdBody = S['HouseholdBody']
export type HistoryEntry = S['MembershipView']
export type PopulationStats = S['PopulationView']
export type ImportError = S['RowErrorView']
export type ImportJob = S['ImportJobView']
export type ImportStarted = S['JobCreated']
