use clap::Args;

#[derive(Debug, Args)]
pub struct DoctorArgs {
    /// Print the least-privilege IAM policy for the environment's resources (JSON) instead of checking
    #[arg(long)]
    pub policy: bool,
}
