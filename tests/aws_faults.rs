//! Faults the emulator cannot produce, through aws-smithy-mocks: throttling and 5xx answers are
//! retried within the configured attempts, and failures name the action and the resource.

use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput;
use aws_smithy_mocks::{RuleMode, mock, mock_client};
use aws_smithy_types::retry::RetryConfig;
use bdctl::backend::aws::{Clients, from_clients};

fn sts_error_body(code: &str, message: &str) -> String {
    format!(
        "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error>\
         <RequestId>1</RequestId></ErrorResponse>"
    )
}

fn clients_with_sts(sts: aws_sdk_sts::Client) -> Clients {
    let conf = aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .build();
    Clients {
        sts,
        ..Clients::new(&conf)
    }
}

fn identity_output() -> GetCallerIdentityOutput {
    GetCallerIdentityOutput::builder()
        .account("123456789012")
        .arn("arn:aws:iam::123456789012:user/ci")
        .user_id("AIDA")
        .build()
}

#[tokio::test]
async fn throttling_and_server_errors_are_retried() {
    let rule = mock!(aws_sdk_sts::Client::get_caller_identity)
        .sequence()
        .http_status(400, Some(sts_error_body("Throttling", "Rate exceeded")))
        .http_status(503, None)
        .output(identity_output)
        .build();
    let sts = mock_client!(aws_sdk_sts, RuleMode::Sequential, [&rule], |c| c
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(3)
                .with_initial_backoff(std::time::Duration::from_millis(10))
        ));
    let backend = from_clients(clients_with_sts(sts));
    let identity = backend
        .platform
        .identity()
        .await
        .expect("retried to success");
    assert_eq!(identity.scope, "123456789012");
    assert_eq!(rule.num_calls(), 3);
}

#[tokio::test]
async fn retries_are_bounded() {
    let rule = mock!(aws_sdk_sts::Client::get_caller_identity)
        .sequence()
        .http_status(503, None)
        .repeatedly()
        .build();
    let sts = mock_client!(aws_sdk_sts, RuleMode::Sequential, [&rule], |c| c
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(2)
                .with_initial_backoff(std::time::Duration::from_millis(10))
        ));
    let backend = from_clients(clients_with_sts(sts));
    let err = backend.platform.identity().await.unwrap_err();
    assert_eq!(rule.num_calls(), 2);
    assert!(
        err.to_string()
            .starts_with("sts:GetCallerIdentity on the current credentials failed"),
        "{err}"
    );
}

#[tokio::test]
async fn access_denied_names_the_action() {
    let rule = mock!(aws_sdk_sts::Client::get_caller_identity)
        .sequence()
        .http_status(
            403,
            Some(sts_error_body(
                "AccessDenied",
                "User is not authorized to perform sts:GetCallerIdentity",
            )),
        )
        .build();
    let sts = mock_client!(aws_sdk_sts, RuleMode::Sequential, [&rule]);
    let backend = from_clients(clients_with_sts(sts));
    let err = backend.platform.identity().await.unwrap_err().to_string();
    assert_eq!(
        err,
        "sts:GetCallerIdentity on the current credentials failed: AccessDenied: User is not authorized to perform sts:GetCallerIdentity"
    );
}
