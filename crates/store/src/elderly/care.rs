//! 居家养老服务 persistence: providers, catalogue, enrolments, work orders, settlements.
