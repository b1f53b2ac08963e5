//! 津补贴 allowances: 高龄津贴, 残疾人两项补贴, 孤儿 and 事实无人抚养儿童 basic living.
