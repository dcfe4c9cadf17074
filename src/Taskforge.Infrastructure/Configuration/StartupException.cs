namespace Taskforge.Infrastructure.Configuration;

/// <summary>A configuration or environment problem that must stop the process with one clear line.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
