// What to type into ShipStation's Custom Store form, as data and as the text we print.

import { FORM_FIELDS, formValues, SHIPSTATION_STATUSES, type StatusMap, type StatusMode } from '../domain/status.js'

export interface CustomStoreForm {
  url: string
  username: string
  /** Present only right after the password was generated or rotated. */
  password?: string
  statusMode: StatusMode
  fields: { field: string; value: string }[]
}

export function customStoreForm(
  url: string,
  username: string,
  password: string | undefined,
  map: StatusMap,
  mode: StatusMode,
): CustomStoreForm {
  const values = formValues(map, mode)
  return {
    url,
    username,
    ...(password === undefined ? {} : { password }),
    statusMode: mode,
    fields: SHIPSTATION_STATUSES.map((s) => ({ field: FORM_FIELDS[s], value: values[s] })),
  }
}

export function formatCustomStoreForm(form: CustomStoreForm, passwordNote: string): string {
  const width = 18
  const row = (label: string, value: string) => `  ${`${label}:`.padEnd(width)} ${value}`
  const lines = [
    'ShipStation → Settings → Selling Channels → Store Setup → Connect a Store → Custom Store:',
    '',
    row('URL', form.url),
    row('Username', form.username),
    row('Password', form.password ?? passwordNote),
    '',
    `  Statuses (status mode "${form.statusMode}"; case-sensitive, type exactly what is shown):`,
    ...form.fields.map((f) => row(f.field, f.value === '' ? '(leave empty)' : f.value)),
  ]
  return `${lines.join('\n')}\n`
}
