using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Taskforge.Api.Http;
using Taskforge.Application.AppVersions;
using Taskforge.Application.Events;
using Taskforge.Application.Notifications;
using Taskforge.Application.Projects;
using Taskforge.Application.Push;
using Taskforge.Application.Search;
using Taskforge.Application.Tasks;
using Taskforge.Application.Users;
using Taskforge.Application.Webhooks;

namespace Taskforge.Api.Contracts;

/// <summary>Compile-time JSON metadata for every body the API reads or writes: no reflection per request.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(RefreshTokenRequest))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(ReplaceUserRequest))]
[JsonSerializable(typeof(ChangePasswordRequest))]
[JsonSerializable(typeof(PatchUserRequest))]
[JsonSerializable(typeof(PatchMeRequest))]
[JsonSerializable(typeof(ProjectPatchRequest))]
[JsonSerializable(typeof(TaskPatchRequest))]
[JsonSerializable(typeof(TaskV2PatchRequest))]
[JsonSerializable(typeof(NotificationSettingsPatchRequest))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ListPage<UserResponse>))]
[JsonSerializable(typeof(UserListKey))]
[JsonSerializable(typeof(ProjectResponse))]
[JsonSerializable(typeof(ProjectRequest))]
[JsonSerializable(typeof(ListPage<ProjectResponse>))]
[JsonSerializable(typeof(ProjectListKey))]
[JsonSerializable(typeof(TaskResponse))]
[JsonSerializable(typeof(TaskRequest))]
[JsonSerializable(typeof(ListPage<TaskResponse>))]
[JsonSerializable(typeof(TaskListKey))]
[JsonSerializable(typeof(TaskHistoryResponse))]
[JsonSerializable(typeof(ListPage<TaskHistoryResponse>))]
[JsonSerializable(typeof(TaskHistoryKey))]
[JsonSerializable(typeof(SearchHitResponse))]
[JsonSerializable(typeof(ListPage<SearchHitResponse>))]
[JsonSerializable(typeof(SearchKey))]
[JsonSerializable(typeof(TaskV2Response))]
[JsonSerializable(typeof(TaskV2Request))]
[JsonSerializable(typeof(ListPage<TaskV2Response>))]
[JsonSerializable(typeof(DeadLetterResponse))]
[JsonSerializable(typeof(ListPage<DeadLetterResponse>))]
[JsonSerializable(typeof(DeadLetterKey))]
[JsonSerializable(typeof(NotificationSettingsResponse))]
[JsonSerializable(typeof(NotificationSettingsRequest))]
[JsonSerializable(typeof(NotificationResponse))]
[JsonSerializable(typeof(ListPage<NotificationResponse>))]
[JsonSerializable(typeof(NotificationListKey))]
[JsonSerializable(typeof(UnreadCountResponse))]
[JsonSerializable(typeof(VapidPublicKeyResponse))]
[JsonSerializable(typeof(PushSubscriptionRequest))]
[JsonSerializable(typeof(PushSubscriptionResponse))]
[JsonSerializable(typeof(ListPage<PushSubscriptionResponse>))]
[JsonSerializable(typeof(PushSubscriptionListKey))]
[JsonSerializable(typeof(IReadOnlyList<JobResponse>))]
[JsonSerializable(typeof(WebhookRequest))]
[JsonSerializable(typeof(WebhookPatchRequest))]
[JsonSerializable(typeof(WebhookResponse))]
[JsonSerializable(typeof(CreatedWebhookResponse))]
[JsonSerializable(typeof(ListPage<WebhookResponse>))]
[JsonSerializable(typeof(WebhookListKey))]
[JsonSerializable(typeof(WebhookDeliveryResponse))]
[JsonSerializable(typeof(ListPage<WebhookDeliveryResponse>))]
[JsonSerializable(typeof(WebhookDeliveryKey))]
[JsonSerializable(typeof(AppVersionCheck))]
[JsonSerializable(typeof(AppVersionPolicyChanges))]
[JsonSerializable(typeof(AppVersionPolicyResponse))]
[JsonSerializable(typeof(List<AppVersionPolicyResponse>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
public sealed partial class ApiJson : JsonSerializerContext;
