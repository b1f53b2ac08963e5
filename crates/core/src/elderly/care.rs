//! 居家养老服务 home care: eligibility, allowance, settlement.
