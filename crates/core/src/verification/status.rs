//! 状态 the states of verification's records: runs, snapshots and flags, each a vocabulary so the
//! store decodes them once and `GET /api/v1/dict` gives the console their labels.

vocabulary! {
    /// 核对范围 what a run verifies (the store's `RunScope` without its data).
    pub enum RunKind {
        Application => ("application", "单个申请", "One application"),
        Cases => ("cases", "在保对象", "Active cases"),
        Pending => ("pending", "待核对申请", "Pending applications"),
    }
}

vocabulary! {
    /// 任务状态 where a run is.
    pub enum RunStatus {
        Running => ("running", "进行中", "Running"),
        Done => ("done", "已完成", "Done"),
        Failed => ("failed", "失败", "Failed"),
    }
}

vocabulary! {
    /// 快照状态 a snapshot being written, the one in force, or one replaced by a newer file.
    pub enum SnapshotStatus {
        Loading => ("loading", "导入中", "Loading"),
        Active => ("active", "在用", "Active"),
        Superseded => ("superseded", "已替换", "Superseded"),
    }
}

vocabulary! {
    /// 疑点状态 whether an officer has dealt with a flag.
    pub enum FlagStatus {
        Open => ("open", "待处理", "Open"),
        Resolved => ("resolved", "已处理", "Resolved"),
    }
}

vocabulary! {
    /// 处理结果 what the officer found.
    pub enum Resolution {
        Confirmed => ("confirmed", "属实", "Confirmed"),
        Cleared => ("cleared", "已排除", "Cleared"),
    }
}
