//! 平安钟, 长者食堂, 养老机构: installation priority, meal subsidies, institution indicators.
