//! 平安钟, 长者食堂 and institutions persistence.
