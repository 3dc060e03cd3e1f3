package dev.crosstalk.testapps.springboot;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Each user context filter guards its own page only. */
@Configuration
class FilterConfig {

    @Bean
    FilterRegistrationBean<UserContextFilter> userContextFilter() {
        FilterRegistrationBean<UserContextFilter> bean = new FilterRegistrationBean<>(new UserContextFilter());
        bean.addUrlPatterns("/whoami");
        return bean;
    }

    @Bean
    FilterRegistrationBean<FixedUserContextFilter> fixedUserContextFilter() {
        FilterRegistrationBean<FixedUserContextFilter> bean = new FilterRegistrationBean<>(new FixedUserContextFilter());
        bean.addUrlPatterns("/fixed/whoami");
        return bean;
    }
}
