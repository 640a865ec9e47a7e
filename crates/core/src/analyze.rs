//! Streaming analysis: files of any kind go in, an [`crate::report::AnalysisReport`] comes out.
