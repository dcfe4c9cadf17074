using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;

namespace Taskforge.Infrastructure.Persistence;

/// <summary>
/// Several parameterised statements joined into one command text, each statement's parameters
/// renamed (<c>@Id</c> of the third becomes <c>@s2_Id</c>) so they cannot collide. PostgreSQL
/// receives such a command as one batch (one round trip); SQLite runs its statements in order.
/// A parameter object that is a list stands for one statement per element, as Dapper's Execute does.
/// </summary>
internal static partial class StatementBatch
{
    public static (string Sql, DynamicParameters Parameters) Combine(
        IReadOnlyList<(string Sql, object? Parameters)> items
    )
    {
        var text = new StringBuilder();
        var combined = new DynamicParameters();
        var index = 0;
        foreach (var (sql, parameters) in items)
        {
            foreach (var values in Expand(parameters))
            {
                var prefix = "s" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_";
                var renamed = ParameterName().Replace(sql, match => "@" + prefix + match.Groups[1].Value);
                foreach (var name in ParameterName().Matches(sql).Select(m => m.Groups[1].Value).Distinct())
                {
                    if (values.TryGetValue(name, out var value))
                    {
                        combined.Add(prefix + name, value);
                    }
                }

                text.Append(renamed.TrimEnd().TrimEnd(';')).Append(";\n");
                index++;
            }
        }

        return (text.ToString(), combined);
    }

    private static IEnumerable<Dictionary<string, object?>> Expand(object? parameters) =>
        parameters switch
        {
            null => [new Dictionary<string, object?>()],
            DynamicParameters dynamic => [Values(dynamic)],
            IEnumerable list and not string => list.Cast<object?>().Select(Values),
            _ => [Values(parameters)],
        };

    private static Dictionary<string, object?> Values(object? parameters)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        switch (parameters)
        {
            case null:
                break;
            case DynamicParameters dynamic:
                foreach (var name in dynamic.ParameterNames)
                {
                    values[name] = dynamic.Get<object?>(name);
                }

                break;
            default:
                foreach (var (name, read) in Getters.GetOrAdd(parameters.GetType(), GettersOf))
                {
                    values[name] = read(parameters);
                }

                break;
        }

        return values;
    }

    // A parameter type's property getters, compiled once and kept. With PropertyInfo.GetValue the
    // runtime compiled the same invoke stubs again and again under PostgreSQL creates (30 to 35
    // copies of each getter's stub in the perf map, 15 % of the API's CPU in the JIT); its
    // reflection caches are held weakly, which is our reading of why, not a measured cause.
    private static readonly ConcurrentDictionary<Type, (string Name, Func<object, object?> Read)[]> Getters = new();

    private static (string, Func<object, object?>)[] GettersOf(Type type)
    {
        var instance = Expression.Parameter(typeof(object));
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetMethod is not null && property.GetIndexParameters().Length == 0)
            .Select(property =>
                (
                    property.Name,
                    Expression
                        .Lambda<Func<object, object?>>(
                            Expression.Convert(
                                Expression.Property(Expression.Convert(instance, type), property),
                                typeof(object)
                            ),
                            instance
                        )
                        .Compile()
                )
            )
            .ToArray();
    }

    // @name, not part of a longer word (so "a@b" in a literal would still match: none of the
    // deferred statements holds one).
    [GeneratedRegex(@"(?<![\w@])@(\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();
}
