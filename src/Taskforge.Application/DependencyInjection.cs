using Microsoft.Extensions.DependencyInjection;
using Taskforge.Application.Auth;
using Taskforge.Application.Users;

namespace Taskforge.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<AuthOptions>();

        services.AddScoped<TokenPairIssuer>();
        services.AddScoped<RegisterUser>();
        services.AddScoped<LogIn>();
        services.AddScoped<RotateRefreshToken>();
        services.AddScoped<LogOut>();
        services.AddScoped<AuthenticateCaller>();

        services.AddScoped<GetUser>();
        services.AddScoped<UpdateUser>();
        services.AddScoped<ChangePassword>();
        services.AddScoped<DeleteUser>();
        services.AddScoped<ListUsers>();
        services.AddScoped<BootstrapAdmin>();
        return services;
    }
}
