// 大民政工作计划: console texts of the plans, their targets, the units and the matrix (zh and en in the same shape).
export const zh = {
  menu: { group: '工作计划', plans: '计划表', matrix: '责任矩阵', units: '责任单位' },
  plan: {
    title: '大民政工作计划', detail: '计划详情', none: '尚未导入工作计划', name: '计划名称', years: '计划年度',
    systems: '个体系', tasks: '项任务', lines: '行', units: '个责任单位', sourceFile: '来源文件', createdBy: '创建人 / 时间',
    matrix: '责任矩阵', back: '返回计划表', leadShort: '牵头', lead: '主要责任单位', relatedShort: '相关', related: '相关责任单位',
    leadHint: '责任单位排第一位的为主要责任单位，其余为相关责任单位', allSystems: '全部体系', allUnits: '全部责任单位',
    noMatch: '没有符合条件的任务', tasksN: '{n}项任务', dueN: '{year}年完成', rowN: '计划表第{row}行', planOf: '{year}年工作计划',
    noText: '（无）', yearN: '{year}年', colSystems: '体系', colTasks: '任务', colLines: '计划行', colUnits: '责任单位',
  },
  import: {
    open: '导入计划表', title: '导入工作计划表', name: '计划名称', namePlaceholder: '如：新会区2014-2015年“大民政”工作计划（留空则用文件名）',
    file: '计划表文件', drop: '将 .xlsx 或 .csv 文件拖到此处，或', click: '点击选择',
    fileHint: '表头：体系名称、主要任务、子项目、完成时间、责任单位，每年一列“YYYY年工作计划”；合并单元格留空即沿用上一行；责任单位用顿号分隔，排第一位的为主要责任单位',
    submit: '导入', refused: '计划表有 {n} 处问题，未导入任何内容，请修改后重新导入', row: '行号', column: '列', reason: '原因',
    wholeFile: '整个文件', imported: '已导入“{name}”：{tasks}项任务，{lines}行',
  },
  create: {
    open: '新建计划', title: '新建工作计划', name: '计划名称', namePlaceholder: '如：新会区2026-2027年“大民政”工作计划',
    nameRequired: '请填写计划名称', from: '起始年度', to: '结束年度', yearsRequired: '请选择起始年度和结束年度',
    yearsHint: '计划包括起始年度到结束年度之间的每一年，每年一列工作计划', submit: '创建', created: '已创建“{name}”，请添加任务',
  },
  line: {
    open: '添加任务', title: '添加任务', system: '体系名称', systemHint: '选择已有体系或输入新体系', group: '主要任务', optional: '选填',
    task: '子项目', taskHint: '如：1.新建日间照料中心', dueYear: '完成时间', units: '责任单位', unitsHint: '用“、”分隔，第一个为牵头单位',
    plans: '各年度工作计划', plansHint: '计划文字中的数量（如“建成3间”）会自动识别为指标', added: '已添加任务“{task}”',
  },
  target: {
    legendParsed: '从计划文字识别的指标', legendEdited: '人工修改或新增的指标', legendHint: '点击指标可修改或删除，点“+ 指标”新增',
    add: '新增指标', addShort: '指标', edit: '修改指标', year: '年度', subject: '指标名称', subjectHint: '统计的对象，如 床位、补助、登记任务数',
    quantity: '数量', amount: '金额（元）', unit: '计量单位', unitRequired: '请填写计量单位（如 张、间、个、元）', perLabel: '计费标准（每X）', per: '每',
    perHint: '按“每X”计的标准填X，如“每张床位补助5000元”填“张”；不是标准则留空', perText: '每{per}', parsed: '从计划文字自动识别', edited: '自动识别后经人工修改', manual: '人工新增',
    parsedHint: '此指标由计划文字自动识别，请对照上方原文核对', updated: '{by} 于 {at} 更新', deleteConfirm: '删除指标“{text}”？', deleted: '已删除',
  },
  unit: {
    name: '单位名称', kind: '类别', kinds: { department: '区直部门', town: '镇（街）', all_towns: '各镇（街）', other: '其他单位' },
    leadLines: '牵头计划行', relatedLines: '相关计划行', total: '合计', region: '区划代码', q: '单位名称', allKinds: '全部类别',
  },
  matrix: {
    plan: '选择工作计划', allSystems: '全部体系', lead: '牵头', related: '相关', size: '{units}个单位 × {tasks}项任务',
    units: '责任单位', tasks: '任务', cellTitle: '{unit} · {task}：{role}',
  },
}

export const en: typeof zh = {
  menu: { group: 'Work plan', plans: 'Plans', matrix: 'Responsibility matrix', units: 'Responsible units' },
  plan: {
    title: 'Civil-affairs work plans', detail: 'Plan', none: 'No plan imported yet', name: 'Name', years: 'Years',
    systems: 'systems', tasks: 'tasks', lines: 'lines', units: 'units', sourceFile: 'Source file', createdBy: 'Created by / at',
    matrix: 'Matrix', back: 'Back to the plans', leadShort: 'Lead', lead: 'lead unit', relatedShort: 'Related', related: 'related units',
    leadHint: 'The first unit named leads; the others are related', allSystems: 'All systems', allUnits: 'All units',
    noMatch: 'No task matches', tasksN: 'tasks: {n}', dueN: 'due {year}', rowN: 'row {row} of the table', planOf: 'Plan for {year}',
    noText: '(none)', yearN: '{year}', colSystems: 'Systems', colTasks: 'Tasks', colLines: 'Lines', colUnits: 'Units',
  },
  import: {
    open: 'Import a plan', title: 'Import a work plan table', name: 'Name', namePlaceholder: 'e.g. Xinhui 2014–2015 work plan (empty: the file name)',
    file: 'Plan table', drop: 'Drop an .xlsx or .csv file here, or', click: 'click to choose',
    fileHint: 'Header: 体系名称, 主要任务, 子项目, 完成时间, 责任单位 and one "YYYY年工作计划" column per year; an empty (merged) cell continues the row above; units separated by 、, the first leads',
    submit: 'Import', refused: 'The table has {n} problems; nothing was imported. Correct them and import again', row: 'Row', column: 'Column', reason: 'Problem',
    wholeFile: 'whole file', imported: 'Imported "{name}": {tasks} tasks, {lines} lines',
  },
  create: {
    open: 'New plan', title: 'New work plan', name: 'Name', namePlaceholder: 'e.g. Xinhui 2026–2027 work plan',
    nameRequired: 'Enter the name', from: 'First year', to: 'Last year', yearsRequired: 'Choose the first and the last year',
    yearsHint: 'The plan has every year from the first to the last, each with its own plan text', submit: 'Create', created: 'Created "{name}": add its tasks',
  },
  line: {
    open: 'Add a task', title: 'Add a task', system: 'System', systemHint: 'Choose a system of the plan or type a new one', group: 'Main task', optional: 'optional',
    task: 'Task', taskHint: 'e.g. 1.新建日间照料中心', dueYear: 'Due year', units: 'Responsible units', unitsHint: 'Separated by 、; the first one leads',
    plans: 'Plan of each year', plansHint: 'Quantities in the text (建成3间) are read as targets', added: 'Added the task "{task}"',
  },
  target: {
    legendParsed: 'target read from the text', legendEdited: 'target corrected or added', legendHint: 'Click a target to edit or delete it; "+ Target" adds one',
    add: 'New target', addShort: 'Target', edit: 'Edit target', year: 'Year', subject: 'Subject', subjectHint: 'what is counted, e.g. beds, subsidy',
    quantity: 'Quantity', amount: 'Amount (yuan)', unit: 'Unit', unitRequired: 'Enter the unit (张, 间, 个, 元…)', perLabel: 'Rate (per X)', per: 'per',
    perHint: 'For a rate, the X of 每X (e.g. 张 for 5000 yuan per bed); empty otherwise', perText: 'per {per}', parsed: 'read from the plan text', edited: 'read from the text, then corrected', manual: 'added by hand',
    parsedHint: 'Read from the plan text: check it against the text above', updated: 'updated by {by} at {at}', deleteConfirm: 'Delete the target "{text}"?', deleted: 'Deleted',
  },
  unit: {
    name: 'Unit', kind: 'Kind', kinds: { department: 'Department', town: 'Town', all_towns: 'All towns', other: 'Other' },
    leadLines: 'Lines led', relatedLines: 'Lines related', total: 'Total', region: 'Region code', q: 'Unit name', allKinds: 'All kinds',
  },
  matrix: {
    plan: 'Choose a plan', allSystems: 'All systems', lead: 'lead', related: 'related', size: '{units} units × {tasks} tasks',
    units: 'Units', tasks: 'Tasks', cellTitle: '{unit} · {task}: {role}',
  },
}
