using System.Text.Json;
using System.Text.Json.Serialization;
using Taskforge.Application.Users;

namespace Taskforge.Infrastructure.Caching;

/// <summary>How cached values are written to the shared (Redis) level; generated at compile time.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.General)]
[JsonSerializable(typeof(CallerAccess))]
[JsonSerializable(typeof(CachedTask))]
[JsonSerializable(typeof(byte[]))]
internal sealed partial class CacheJson : JsonSerializerContext;
