//! What the engine's physical optimizer rules here share.

use std::sync::Arc;

use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::datasource::physical_plan::FileScanConfig;
use datafusion::datasource::source::DataSourceExec;
use datafusion::error::Result;
use datafusion::physical_plan::ExecutionPlan;

/// `plan` with each node, children first, replaced by what `rewrite` makes of it (`None`: kept).
pub(super) fn rewrite_each_node(
    plan: Arc<dyn ExecutionPlan>,
    mut rewrite: impl FnMut(&Arc<dyn ExecutionPlan>) -> Result<Option<Arc<dyn ExecutionPlan>>>,
) -> Result<Arc<dyn ExecutionPlan>> {
    plan.transform_up(|node| Ok(rewrite(&node)?.map_or_else(|| Transformed::no(node), Transformed::yes)))
        .map(|transformed| transformed.data)
}

/// The file scan that `plan` is, if it is one.
pub(super) fn scan_config(plan: &Arc<dyn ExecutionPlan>) -> Option<&FileScanConfig> {
    plan.downcast_ref::<DataSourceExec>()?.data_source().downcast_ref::<FileScanConfig>()
}

/// For tests: the configurations of every file scan in `plan`, the outermost first.
#[cfg(test)]
pub(super) fn scan_configs(plan: &Arc<dyn ExecutionPlan>) -> Vec<FileScanConfig> {
    let own = scan_config(plan).cloned().into_iter();
    own.chain(plan.children().into_iter().flat_map(scan_configs)).collect()
}
